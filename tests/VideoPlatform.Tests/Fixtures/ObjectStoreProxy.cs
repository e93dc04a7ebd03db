using System.Reflection;
using VideoPlatform.Storage;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>
/// A real object store seen through a proxy: a subclass watches or holds back the calls it cares about
/// (<see cref="Intercept"/>) and every other call goes straight to the store.
/// </summary>
public abstract class ObjectStoreProxy : DispatchProxy
{
    protected IObjectStore Inner { get; private set; } = null!;

    /// <summary>Wraps <paramref name="store"/>; the second item is the proxy as its own type, for the test to read.</summary>
    public static (IObjectStore Store, T Proxy) Around<T>(IObjectStore store)
        where T : ObjectStoreProxy
    {
        var proxy = Create<IObjectStore, T>();
        var typed = (T)(object)proxy;
        typed.Inner = store;
        return (proxy, typed);
    }

    /// <summary>The result of a call it takes over, or null to let the store answer.</summary>
    protected abstract object? Intercept(MethodInfo method, object?[] args);

    protected sealed override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (Intercept(targetMethod, args ?? []) is { } taken)
        {
            return taken;
        }

        try
        {
            return targetMethod.Invoke(Inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }
}
