using System.Collections.Concurrent;
using System.Reflection;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Playback;

/// <summary>A real object store that counts the reads (<see cref="IObjectStore.GetAsync"/>) made of each key.</summary>
public class CountingStore : ObjectStoreProxy
{
    private readonly ConcurrentDictionary<string, int> gets = new();

    public static (IObjectStore Store, CountingStore Counts) Around(IObjectStore store) => Around<CountingStore>(store);

    public int GetsOf(string key) => gets.GetValueOrDefault(key);

    protected override object? Intercept(MethodInfo method, object?[] args)
    {
        if (method.Name == nameof(IObjectStore.GetAsync) && args is [string key, ..])
        {
            gets.AddOrUpdate(key, 1, (_, n) => n + 1);
        }

        return null;
    }
}
