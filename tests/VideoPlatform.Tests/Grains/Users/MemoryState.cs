namespace VideoPlatform.Tests.Grains.Users;

/// <summary>Grain state held in memory, for grains constructed directly in unit tests; counts the writes.</summary>
internal sealed class MemoryState<T> : IPersistentState<T> where T : new()
{
    public T State { get; set; } = new();
    public string Etag => Writes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public bool RecordExists => Writes > 0;
    public int Writes { get; private set; }

    public Task ClearStateAsync()
    {
        State = new();
        return Task.CompletedTask;
    }

    public Task WriteStateAsync()
    {
        Writes++;
        return Task.CompletedTask;
    }

    public Task ReadStateAsync() => Task.CompletedTask;
}
