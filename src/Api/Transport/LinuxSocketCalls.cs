using System.Runtime.InteropServices;

namespace VideoPlatform.Api.Transport;

/// <summary>The libc calls <see cref="SocketBodyReceiver"/> makes on a connection's socket, and the errno values its calls report (Linux only).</summary>
internal static class LinuxSocketCalls
{
    public const int EINTR = 4;

    public const int EAGAIN = 11;

    public const int EINVAL = 22;

    public const int ENOSYS = 38;

    public const short POLLIN = 0x1;

    public const int SOL_SOCKET = 1;

    public const int SO_RCVLOWAT = 18;

    public const int FIONREAD = 0x541B;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    // DllImport rather than LibraryImport, which needs unsafe code enabled: both parameters are blittable, so the
    // runtime pins them for the call and copies nothing.
    [DllImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static extern nint Receive(int fd, ref byte buffer, nint length, int flags);

    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static extern int SetOption(int fd, int level, int name, ref int value, uint length);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static extern int Control(int fd, nuint request, out int value);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static extern int Poll(ref PollFd fds, nuint count, int timeoutMilliseconds);
}
