using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VideoPlatform.Api.Transport;

/// <summary>
/// Stages received bytes in a kernel pipe (the socket's pages, taken by reference), for bodies nobody needs to see: only
/// their length is checked. Throws <see cref="SpliceRefusedException"/> when splice refuses the socket before anything
/// moved.
/// </summary>
internal sealed class PipeStage(KernelPipe pipe, SocketBodyReceiver.LengthCheck check) : IBodyStage
{
    private bool moved;

    public int Capacity => pipe.Capacity;

    public nint Fill(int fd, int length)
    {
        var count = pipe.FillFrom(fd, length);
        if (count > 0)
        {
            moved = true;
            check((int)count);
        }
        else if (count < 0 && !moved && Marshal.GetLastPInvokeError() is LinuxSocketCalls.EINVAL or LinuxSocketCalls.ENOSYS)
        {
            throw new SpliceRefusedException();
        }

        return count;
    }

    public void Flush(SafeFileHandle file, long offset, int length) => pipe.DrainInto(file, offset, length);
}

/// <summary>splice(2) does not take this socket (a kernel or sandbox without it): nothing was moved.</summary>
internal sealed class SpliceRefusedException : Exception;
