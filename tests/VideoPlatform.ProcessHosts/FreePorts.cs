using System.Net;
using System.Net.Sockets;

namespace VideoPlatform.ProcessHosts;

public static class FreePorts
{
    /// <summary>Loopback ports free right now (all held at once while picking, so they differ).</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public static int One() => Take(1)[0];
}
