using System.Collections.Concurrent;
using Orleans.Runtime;

namespace VideoPlatform.Hosting.Cluster;

/// <summary>
/// <c>GetGrain&lt;T&gt;(key)</c> without its per-call cost: Orleans resolves the interface's grain interface type by
/// reading its attributes through reflection on every call, a visible share of the Api's CPU on hot reads such as
/// <c>GET /api/videos/{id}</c>. Which interface and grain type an interface maps to never changes within a process,
/// so they are looked up once.
/// </summary>
public static class GrainReferences
{
    private static readonly ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)> Types = new();

    public static T GetGrainFast<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (Types.TryGetValue(typeof(T), out var known))
        {
            return (T)grains.GetGrain(GrainId.Create(known.Grain, key), known.Interface);
        }

        var reference = grains.GetGrain<T>(key);
        var grainType = reference.GetGrainId().Type;
        // Before the cluster's manifest has arrived, Orleans hands out a placeholder ("sys.grain.stub…") that it
        // resolves later: only a resolved type is worth keeping.
        if (reference is GrainReference typed && !grainType.ToString()!.StartsWith(GrainTypePrefix.SystemPrefix, StringComparison.Ordinal))
        {
            Types.TryAdd(typeof(T), (grainType, typed.InterfaceType));
        }

        return reference;
    }
}
