using System.Net;

namespace VideoPlatform.TranscodeSilo.Ingest.Server;

/// <summary>Open connections, globally and per remote address. Thread-safe; every successful acquire needs one release.</summary>
public sealed class ConnectionLimiter(int maxTotal, int maxPerAddress)
{
    private readonly Dictionary<IPAddress, int> perAddress = [];
    private int total;

    public int Open
    {
        get
        {
            lock (perAddress)
            {
                return total;
            }
        }
    }

    public bool TryAcquire(IPAddress address)
    {
        lock (perAddress)
        {
            var mine = perAddress.GetValueOrDefault(address);
            if (total >= maxTotal || mine >= maxPerAddress)
            {
                return false;
            }

            perAddress[address] = mine + 1;
            total++;
            return true;
        }
    }

    public void Release(IPAddress address)
    {
        lock (perAddress)
        {
            var mine = perAddress.GetValueOrDefault(address);
            if (mine <= 1)
            {
                perAddress.Remove(address);
            }
            else
            {
                perAddress[address] = mine - 1;
            }

            total = Math.Max(0, total - 1);
        }
    }
}
