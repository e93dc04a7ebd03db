namespace VideoPlatform.Grains.Channels;

public sealed class StreamKeyIndexGrain([PersistentState("streamkey")] IPersistentState<StreamKeyIndexState> state) : Grain, IStreamKeyIndexGrain
{
    public Task<string?> Get() => Task.FromResult(state.State.ChannelId);

    public async Task Set(string channelId)
    {
        state.State.ChannelId = channelId;
        await state.WriteStateAsync();
    }

    public async Task Clear(string channelId)
    {
        if (state.State.ChannelId == channelId)
        {
            await state.ClearStateAsync();
        }
    }
}

[GenerateSerializer, Alias("VideoPlatform.StreamKeyIndexState")]
public sealed class StreamKeyIndexState
{
    [Id(0)] public string? ChannelId { get; set; }
}
