using Microsoft.Win32.SafeHandles;

namespace VideoPlatform.Api.Transport;

/// <summary>
/// Where <see cref="SocketBodyReceiver"/> gathers received body bytes until a write is due: each chunk is checked as it
/// arrives, then staged bytes are written from the front.
/// </summary>
internal interface IBodyStage
{
    /// <summary>The most bytes the stage holds; a power of two, so writes of it stay page-aligned.</summary>
    int Capacity { get; }

    /// <summary>
    /// Moves up to <paramref name="length"/> bytes waiting on the socket <paramref name="fd"/> behind the staged ones,
    /// without waiting, and checks them. Returns the count, 0 when the client closed its side, or -1 with the socket's
    /// error left as the last P/Invoke error (EAGAIN: nothing waits, or the stage has no room).
    /// </summary>
    nint Fill(int fd, int length);

    /// <summary>Writes the first <paramref name="length"/> staged bytes into <paramref name="file"/> at <paramref name="offset"/>.</summary>
    /// <exception cref="IOException">The file system refused them.</exception>
    void Flush(SafeFileHandle file, long offset, int length);
}
