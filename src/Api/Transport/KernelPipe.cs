using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VideoPlatform.Api.Transport;

/// <summary>
/// A pipe used only inside the kernel: splice(2) moves a socket's received pages into it by reference, then copies
/// them from it into a file's page cache. Bytes pass through no user-space buffer (Linux only).
/// </summary>
internal sealed class KernelPipe : IDisposable
{
    private const int SPLICE_F_MOVE = 1;

    private const int SPLICE_F_NONBLOCK = 2;

    private const int O_CLOEXEC = 0x80000;

    private const int F_SETPIPE_SZ = 1031;

    private const int F_GETPIPE_SZ = 1032;

    private readonly int readEnd;
    private readonly int writeEnd;

    private KernelPipe(int readEnd, int writeEnd, int capacity)
    {
        this.readEnd = readEnd;
        this.writeEnd = writeEnd;
        Capacity = capacity;
    }

    /// <summary>How many bytes the pipe holds at most: what one splice from the socket may move.</summary>
    public int Capacity { get; }

    /// <summary>A pipe of up to <paramref name="capacity"/> bytes, or null when none of at least 64 KiB can be made.</summary>
    public static KernelPipe? TryCreate(int capacity)
    {
        var ends = new int[2];
        if (CreatePipe(ends, O_CLOEXEC) != 0)
        {
            return null;
        }

        // Larger than the default 64 KiB if the system allows (fs.pipe-max-size, the user's pipe quota); it may not.
        // A user past the quota gets pipes of a page or two: too small to be worth it, a buffer does better.
        _ = Control(ends[1], F_SETPIPE_SZ, capacity);
        var size = Control(ends[1], F_GETPIPE_SZ, 0);
        var pipe = new KernelPipe(ends[0], ends[1], size);
        if (size >= MinCapacity)
        {
            return pipe;
        }

        pipe.Dispose();
        return null;
    }

    private const int MinCapacity = 64 << 10;

    /// <summary>
    /// Moves up to <paramref name="length"/> bytes that wait on <paramref name="socket"/> into the pipe, without waiting.
    /// Returns the count, 0 at the end of the stream, or -1 with the error in the last P/Invoke error (EAGAIN: nothing waits).
    /// </summary>
    public nint FillFrom(int socket, int length) =>
        Splice(socket, IntPtr.Zero, writeEnd, IntPtr.Zero, (nuint)length, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);

    /// <summary>Writes the <paramref name="length"/> bytes the pipe holds into <paramref name="file"/> at <paramref name="offset"/>.</summary>
    /// <exception cref="IOException">The file system refused them (a full disk, an I/O error).</exception>
    public void DrainInto(SafeFileHandle file, long offset, int length)
    {
        using var target = new HeldDescriptor(file);
        while (length > 0)
        {
            var at = offset;
            var written = Splice(readEnd, IntPtr.Zero, target.Value, ref at, (nuint)length, SPLICE_F_MOVE);
            if (written > 0)
            {
                offset += written;
                length -= (int)written;
                continue;
            }

            var error = written < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (error == LinuxSocketCalls.EINTR)
            {
                continue;
            }

            throw new IOException(written == 0 ? "Writing the body into the file made no progress" : Marshal.GetPInvokeErrorMessage(error));
        }
    }

    public void Dispose()
    {
        _ = Close(readEnd);
        _ = Close(writeEnd);
    }

    [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static extern int CreatePipe([Out] int[] ends, int flags);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Control(int fd, int command, int argument);

    [DllImport("libc", EntryPoint = "splice", SetLastError = true)]
    private static extern nint Splice(int fdIn, IntPtr offsetIn, int fdOut, IntPtr offsetOut, nuint length, uint flags);

    [DllImport("libc", EntryPoint = "splice", SetLastError = true)]
    private static extern nint Splice(int fdIn, IntPtr offsetIn, int fdOut, ref long offsetOut, nuint length, uint flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
