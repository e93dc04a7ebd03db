using System.Text;

namespace VideoPlatform.Grains.Analytics;

/// <summary>
/// A HyperLogLog distinct counter (Flajolet et al. 2007) over strings: 2^<see cref="Precision"/> one-byte registers,
/// standard error 1.04 / sqrt(m) (1.6% at m = 4096), with the small-range (linear counting) correction.
/// The registers are the whole state, so it persists as one byte array.
/// </summary>
public sealed class HyperLogLog
{
    public const int Precision = 12;
    public const int RegisterCount = 1 << Precision;

    public HyperLogLog(byte[]? registers = null)
    {
        Registers = registers is { Length: RegisterCount } ? registers : new byte[RegisterCount];
    }

    public byte[] Registers { get; }

    public static double StandardError => 1.04 / Math.Sqrt(RegisterCount);

    public void Add(string value)
    {
        var hash = Hash64(value);
        var index = (int)(hash >> (64 - Precision));
        // Rank of the first 1-bit in the remaining 52 bits (1-based); a sentinel bit bounds it when they are all 0.
        var rest = (hash << Precision) | (1UL << (Precision - 1));
        var rank = (byte)(System.Numerics.BitOperations.LeadingZeroCount(rest) + 1);
        if (rank > Registers[index])
        {
            Registers[index] = rank;
        }
    }

    public long Estimate()
    {
        double sum = 0;
        var zeros = 0;
        foreach (var register in Registers)
        {
            sum += Math.Pow(2, -register);
            if (register == 0)
            {
                zeros++;
            }
        }

        const double m = RegisterCount;
        var alpha = 0.7213 / (1 + (1.079 / m));
        var raw = alpha * m * m / sum;
        if (raw <= 2.5 * m && zeros > 0)
        {
            return (long)Math.Round(m * Math.Log(m / zeros));
        }

        return (long)Math.Round(raw);
    }

    /// <summary>FNV-1a over the UTF-8 bytes, then the MurmurHash3 finalizer so that every output bit depends on every input bit.</summary>
    private static ulong Hash64(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return hash;
    }
}
