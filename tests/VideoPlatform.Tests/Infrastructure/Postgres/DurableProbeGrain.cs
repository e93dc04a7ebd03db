namespace VideoPlatform.Tests.Infrastructure.Postgres;

[Alias("vp.tests.durable-probe")]
public interface IDurableProbeGrain : IGrainWithStringKey
{
    [Alias("set")]
    Task SetAsync(string value);

    [Alias("get")]
    Task<string?> GetAsync();

    [Alias("register-reminder")]
    Task RegisterReminderAsync();

    [Alias("has-reminder")]
    Task<bool> HasReminderAsync();
}

[GenerateSerializer, Alias("vp.tests.durable-probe-state")]
public sealed class DurableProbeState
{
    [Id(0)]
    public string? Value { get; set; }
}

/// <summary>Writes its state through the default (ADO.NET) grain storage and owns one durable reminder.</summary>
public sealed class DurableProbeGrain([PersistentState("probe")] IPersistentState<DurableProbeState> state)
    : Grain, IDurableProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAsync() => Task.FromResult(state.State.Value);

    public Task RegisterReminderAsync() =>
        this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    public async Task<bool> HasReminderAsync() => await this.GetReminder(ReminderName) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
