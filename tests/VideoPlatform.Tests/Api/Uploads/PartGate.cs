using System.Collections.Concurrent;
using System.Reflection;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>
/// A real object store whose multipart part uploads wait at a gate the test opens, and may be told to fail: shows how
/// many parts a writer has in flight at once and what it does when one of them fails. Every other call goes straight
/// to the store.
/// </summary>
public class PartGate : ObjectStoreProxy
{
    private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inFlight;

    public ConcurrentBag<int> Started { get; } = [];
    public ConcurrentBag<int> Settled { get; } = [];
    public int MaxInFlight { get; private set; }
    public int InFlight => Volatile.Read(ref inFlight);
    public int? FailPart { get; set; }

    public static (IObjectStore Store, PartGate Gate) Around(IObjectStore store) => Around<PartGate>(store);

    public void Open() => open.TrySetResult();

    protected override object? Intercept(MethodInfo method, object?[] args) =>
        method.Name == nameof(IObjectStore.PutPartAsync) && args is [string key, string id, int number, Stream content, long length, CancellationToken token]
            ? PutPartAsync(key, id, number, content, length, token)
            : null;

    private async Task<MultipartPart> PutPartAsync(string key, string id, int number, Stream content, long length, CancellationToken token)
    {
        Started.Add(number);
        var now = Interlocked.Increment(ref inFlight);
        lock (Started)
        {
            MaxInFlight = Math.Max(MaxInFlight, now);
        }

        try
        {
            await open.Task.WaitAsync(token);
            if (number == FailPart)
            {
                throw new IOException($"part {number} refused by the test");
            }

            return await Inner.PutPartAsync(key, id, number, content, length, token);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            Settled.Add(number);
        }
    }
}
