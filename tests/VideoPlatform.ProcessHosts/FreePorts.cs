using System.Net;
using System.Net.Sockets;

namespace VideoPlatform.ProcessHosts;

/// <summary>
/// Loopback ports for hosts started later. They come from below Linux's ephemeral range (32768-60999): a port picked
/// there stays unbound until its host starts, seconds later, and meanwhile the kernel may give it to any outgoing
/// connection (a failure-test run lost a media silo's RTMP port that way: "Address already in use").
/// </summary>
public static class FreePorts
{
    private const int Lowest = 20000;
    private const int Highest = 32767;

    /// <summary>Ports free right now (all held at once while picking, so they differ).</summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            while (listeners.Count < count)
            {
                var listener = new TcpListener(IPAddress.Loopback, Random.Shared.Next(Lowest, Highest + 1));
                try
                {
                    listener.Start();
                    listeners.Add(listener);
                }
                catch (SocketException)
                {
                    listener.Dispose(); // in use (or just picked): try another
                }
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public static int One() => Take(1)[0];

    /// <summary>The first of <paramref name="count"/> consecutive ports free right now, for a launcher that derives ports from bases (./vp up).</summary>
    public static int Block(int count)
    {
        while (true)
        {
            var first = Random.Shared.Next(Lowest, Highest - count + 2);
            var listeners = new List<TcpListener>();
            try
            {
                for (var port = first; port < first + count; port++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, port);
                    listeners.Add(listener);
                    listener.Start();
                }

                return first;
            }
            catch (SocketException)
            {
                // One of them is in use: try another block.
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }
        }
    }
}
