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
        where T : ObjectStoreProxy => Wrap<IObjectStore, T>(store);

    /// <summary>
    /// Wraps a store that can append (the FileSystem store) as one that still can, so that the Api takes its append path
    /// (AppendUploadWriter) rather than multipart; appends and moves pass through <see cref="Intercept"/> too.
    /// </summary>
    public static (IObjectStore Store, T Proxy) AroundAppendable<T>(IObjectStore store)
        where T : ObjectStoreProxy
    {
        if (store is not IAppendableObjectStore)
        {
            throw new ArgumentException($"{store.GetType().Name} cannot append", nameof(store));
        }

        return Wrap<IAppendableStore, T>(store);
    }

    private static (IObjectStore Store, T Proxy) Wrap<TStore, T>(IObjectStore store)
        where TStore : class, IObjectStore
        where T : ObjectStoreProxy
    {
        var proxy = Create<TStore, T>();
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

/// <summary>Both interfaces of an appendable store, as one for <see cref="DispatchProxy"/> to implement.</summary>
public interface IAppendableStore : IObjectStore, IAppendableObjectStore;
