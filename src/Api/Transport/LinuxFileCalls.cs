using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VideoPlatform.Api.Transport;

/// <summary>fallocate(2), which .NET offers only when a file is created (FileStreamOptions.PreallocationSize).</summary>
internal static class LinuxFileCalls
{
    private const int FALLOC_FL_KEEP_SIZE = 1;

    /// <summary>
    /// Reserves the file's blocks for <paramref name="length"/> bytes from <paramref name="offset"/> without changing
    /// its size, so that writing them later skips ext4's per-page delayed-allocation work. Best effort: a file system
    /// that cannot (or a full disk) leaves the writes to allocate as they go, and fail there if they must.
    /// </summary>
    public static void TryPreallocate(SafeFileHandle file, long offset, long length)
    {
        if (!OperatingSystem.IsLinux() || length <= 0)
        {
            return;
        }

        using var descriptor = new HeldDescriptor(file);
        _ = Allocate(descriptor.Value, FALLOC_FL_KEEP_SIZE, offset, length);
    }

    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static extern int Allocate(int fd, int mode, long offset, long length);
}
