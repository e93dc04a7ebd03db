using System.Collections.Concurrent;
using System.Reflection;
using VideoPlatform.Infrastructure.Storage;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>
/// A real object store whose multipart part uploads wait at a gate the test opens, and may be told to fail: shows how
/// many parts a writer has in flight at once and what it does when one of them fails. Every other call goes straight
/// to the store.
/// </summary>
public class PartGate : DispatchProxy
{
    private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IObjectStore inner = null!;
    private int inFlight;

    public ConcurrentBag<int> Started { get; } = [];
    public ConcurrentBag<int> Settled { get; } = [];
    public int MaxInFlight { get; private set; }
    public int InFlight => Volatile.Read(ref inFlight);
    public int? FailPart { get; set; }

    public static (IObjectStore Store, PartGate Gate) Around(IObjectStore store)
    {
        var proxy = Create<IObjectStore, PartGate>();
        var gate = (PartGate)(object)proxy;
        gate.inner = store;
        return (proxy, gate);
    }

    public void Open() => open.TrySetResult();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IObjectStore.PutPartAsync) && args is [string key, string id, int number, Stream content, long length, CancellationToken token])
        {
            return PutPartAsync(key, id, number, content, length, token);
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

            return await inner.PutPartAsync(key, id, number, content, length, token);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            Settled.Add(number);
        }
    }
}
