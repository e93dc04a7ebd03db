namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Tells a text file (notes, a playlist, HTML) from damaged media by its first bytes. Pure.</summary>
public static class TextSniff
{
    public const int SampleBytes = 4096;

    /// <summary>True when the sample is valid UTF-8 with no control characters but tab, CR, LF and form feed.</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> sample)
    {
        if (sample.IsEmpty)
        {
            return false;
        }

        // The sample may end in the middle of a multi-byte character: trim up to three bytes of an unfinished one.
        var text = sample;
        for (var i = 1; i <= Math.Min(3, sample.Length); i++)
        {
            if ((sample[^i] & 0xC0) != 0x80)
            {
                if (sample[^i] >= 0xC0)
                {
                    text = sample[..^i];
                }

                break;
            }
        }

        if (System.Text.Unicode.Utf8.IsValid(text) is false)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C) || b == 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
