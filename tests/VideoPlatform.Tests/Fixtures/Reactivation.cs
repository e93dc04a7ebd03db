using Orleans.Core.Internal;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>
/// Ends a grain's activation and waits until no silo lists it, so the next call makes a new activation that reads its
/// state from storage. A fixed pause after DeactivateOnIdle proves nothing: the old activation may still answer.
/// </summary>
public static class Reactivation
{
    public static async Task DeactivateAsync(IClusterClient client, IAddressable grain)
    {
        var id = grain.GetGrainId();
        var management = client.GetGrain<IManagementGrain>(0);
        Assert.Contains(id, await management.GetActiveGrains(id.Type));
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var gone = await Eventually.WaitAsync(async () => !(await management.GetActiveGrains(id.Type)).Contains(id), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
        Assert.True(gone, $"{id} was still active 30 s after DeactivateOnIdle");
    }
}
