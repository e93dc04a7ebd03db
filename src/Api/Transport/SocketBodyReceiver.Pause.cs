using System.Buffers;
using System.IO.Pipelines;

namespace VideoPlatform.Api.Transport;

public sealed partial class SocketBodyReceiver
{
    // Pauses between looks at Kestrel's pipe while it fills: short at first (a local client fills 1 MiB in well under
    // a millisecond), longer while a slow client sends nothing new.
    private const int FirstLookPauseMilliseconds = 1;

    private const int LongestLookPauseMilliseconds = 32;

    /// <summary>
    /// Waits until Kestrel has stopped receiving this body (see the class summary): examines what has arrived once,
    /// then looks again, examining nothing more, until <see cref="TransportPauseBytes"/> unexamined bytes wait. Returns
    /// that read's buffer, not yet advanced: the caller writes it, lets <see cref="ReceiveIntoAsync"/> receive the rest,
    /// then consumes it. Returns null when the body goes through Kestrel after all (it is all here, it ended, or its
    /// client stayed silent): the reader is then advanced, nothing consumed.
    /// </summary>
    public async Task<ReadOnlySequence<byte>?> WaitForPauseAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        var first = await reader.ReadAsync(cancellationToken);
        if (first.IsCompleted || !MoreToCome(first.Buffer.Length))
        {
            reader.AdvanceTo(first.Buffer.Start);
            return null;
        }

        // Examined bytes count as read for the pipe's pause, consumed or not: from here on it holds back only what
        // arrives after them.
        var examined = first.Buffer.Length;
        reader.AdvanceTo(first.Buffer.Start, first.Buffer.End);
        var seen = examined;
        var grewAt = Environment.TickCount64;
        var pause = FirstLookPauseMilliseconds;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (!result.IsCompleted && CanTakeOver(buffer.Length - examined, buffer.Length))
            {
                return buffer;
            }

            reader.AdvanceTo(buffer.Start, buffer.GetPosition(examined));
            if (buffer.Length > seen)
            {
                (seen, grewAt, pause) = (buffer.Length, Environment.TickCount64, FirstLookPauseMilliseconds);
            }
            else
            {
                pause = Math.Min(pause * 2, LongestLookPauseMilliseconds);
            }

            var silent = Environment.TickCount64 - grewAt > (long)IdleTimeout.TotalMilliseconds;
            if (result.IsCompleted || !MoreToCome(buffer.Length) || silent)
            {
                return null;
            }

            // The next read returns at once (unexamined bytes wait), so the pause is here.
            await Task.Delay(pause, cancellationToken);
        }
    }
}
