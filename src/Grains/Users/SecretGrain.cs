using System.Security.Cryptography;

namespace VideoPlatform.Grains.Users;

[GenerateSerializer, Alias("VideoPlatform.SecretState")]
public sealed class SecretState
{
    [Id(0)] public byte[]? Value { get; set; }
}

public sealed class SecretGrain([PersistentState("secret")] IPersistentState<SecretState> state) : Grain, ISecretGrain
{
    public async Task<byte[]> GetOrCreate(int length)
    {
        if (state.State.Value is null)
        {
            state.State.Value = RandomNumberGenerator.GetBytes(length);
            await state.WriteStateAsync();
        }

        return state.State.Value;
    }
}
