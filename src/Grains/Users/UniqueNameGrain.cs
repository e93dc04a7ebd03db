namespace VideoPlatform.Grains.Users;

[GenerateSerializer, Alias("VideoPlatform.UniqueNameState")]
public sealed class UniqueNameState
{
    [Id(0)] public string? OwnerId { get; set; }
}

public sealed class UniqueNameGrain([PersistentState("name")] IPersistentState<UniqueNameState> state) : Grain, IUniqueNameGrain
{
    public async Task<string> Claim(string userId)
    {
        if (state.State.OwnerId is { } owner)
        {
            return owner;
        }

        state.State.OwnerId = userId;
        await state.WriteStateAsync();
        return userId;
    }

    public async Task Release(string userId)
    {
        if (state.State.OwnerId == userId)
        {
            state.State.OwnerId = null;
            await state.ClearStateAsync();
        }
    }

    public Task<string?> Owner() => Task.FromResult(state.State.OwnerId);
}
