using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace VideoPlatform.Bench.Upload;

/// <summary>
/// One HTTP/1.1 request on a connection of its own whose body is a whole file, handed to the kernel with sendfile(2)
/// (<see cref="Socket.SendFileAsync(string, ReadOnlyMemory{byte}, ReadOnlyMemory{byte}, TransmitFileOptions, CancellationToken)"/>):
/// the file's pages go to the socket by reference, so the client makes no copy of the body. The upload figures use it
/// to measure what the server takes in; a client that copies the body (HttpClient's StreamContent: a read into its
/// buffer, then a send) spends as much CPU as the server on these two cores. The connection closes after the answer.
/// </summary>
public static class SendfileRequest
{
    public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

    public static async Task<Answer> SendAsync(Uri target, string method, IEnumerable<KeyValuePair<string, string>> headers, string file, CancellationToken cancel = default)
    {
        var length = new FileInfo(file).Length;
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {target.PathAndQuery} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {target.Authority}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {length}\r\n")
            .Append("Connection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("\r\n");
        // A dual-mode socket connects to a name ("localhost") as well as to an IPv4 or IPv6 address.
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(target.Host, target.Port, cancel);
        try
        {
            await socket.SendFileAsync(file, Encoding.ASCII.GetBytes(head.ToString()), default, TransmitFileOptions.UseDefaultWorkerThread, cancel);
        }
        catch (SocketException)
        {
            // The server may answer and close before the whole body is sent (a 4xx for a bad offset, or a 413): its
            // answer is still there to read.
        }

        return await ReadAnswerAsync(socket, cancel);
    }

    private static async Task<Answer> ReadAnswerAsync(Socket socket, CancellationToken cancel)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 << 10];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel);
            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            if (Parse(received.ToArray()) is { } complete)
            {
                return complete;
            }
        }

        return Parse(received.ToArray(), closed: true) ?? throw new IOException($"the server closed the connection after {received.Length} bytes of an incomplete answer");
    }

    /// <summary>The answer once its head and its Content-Length of body (or, with <paramref name="closed"/>, all of it) are in.</summary>
    private static Answer? Parse(byte[] bytes, bool closed = false)
    {
        var text = Encoding.ASCII.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var lines = text[..end].Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !int.TryParse(status[1], CultureInfo.InvariantCulture, out var code))
        {
            throw new IOException($"not an HTTP answer: {lines[0]}");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        var body = text[(end + 4)..];
        var expected = code is 204 or 304 ? 0 : headers.TryGetValue("Content-Length", out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : (int?)null;
        if (expected is { } size ? body.Length < size : !closed)
        {
            return null;
        }

        return new Answer(code, headers, expected is { } n ? body[..n] : body);
    }
}
