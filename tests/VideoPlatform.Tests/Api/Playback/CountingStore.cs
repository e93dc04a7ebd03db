using System.Collections.Concurrent;
using System.Reflection;
using VideoPlatform.Infrastructure.Storage;

namespace VideoPlatform.Tests.Api.Playback;

/// <summary>A real object store that counts the reads (<see cref="IObjectStore.GetAsync"/>) made of each key.</summary>
public class CountingStore : DispatchProxy
{
    private IObjectStore inner = null!;

    public ConcurrentDictionary<string, int> Gets { get; } = new();

    public static (IObjectStore Store, CountingStore Counts) Around(IObjectStore store)
    {
        var proxy = Create<IObjectStore, CountingStore>();
        var counts = (CountingStore)(object)proxy;
        counts.inner = store;
        return (proxy, counts);
    }

    public int GetsOf(string key) => Gets.GetValueOrDefault(key);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IObjectStore.GetAsync) && args is [string key, ..])
        {
            Gets.AddOrUpdate(key, 1, (_, n) => n + 1);
        }

        try
        {
            return targetMethod.Invoke(inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }
}
