using System.Net;
using System.Net.Sockets;

namespace VideoPlatform.Bench.Tools;

/// <summary>Loopback ports nobody listens on right now (the OS picks them).</summary>
public static class FreePorts
{
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
