using System.Runtime.InteropServices;

namespace VideoPlatform.Api.Transport;

/// <summary>
/// A handle's descriptor for libc calls, kept from being closed and reused (DangerousAddRef) until disposed.
/// </summary>
internal ref struct HeldDescriptor
{
    private readonly SafeHandle handle;
    private bool added;

    public HeldDescriptor(SafeHandle handle)
    {
        this.handle = handle;
        handle.DangerousAddRef(ref added);
        Value = (int)handle.DangerousGetHandle();
    }

    public int Value { get; }

    public void Dispose()
    {
        if (added)
        {
            handle.DangerousRelease();
            added = false;
        }
    }
}
