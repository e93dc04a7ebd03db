namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

/// <summary>Rewrites a codec FourCC in an AVI's headers so no ffmpeg decoder claims the stream.</summary>
internal static class AviFourCc
{
    public static byte[] Replace(byte[] avi, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        // The FourCC appears in the stream header (strh) and the bitmap header (strf), both before the 'movi' data.
        var headerEnd = avi.AsSpan().IndexOf("movi"u8);
        var replaced = 0;
        for (var at = avi.AsSpan(0, headerEnd).IndexOf(from); at >= 0; at = Next(avi, headerEnd, from, at))
        {
            to.CopyTo(avi.AsSpan(at));
            replaced++;
        }

        Assert.True(replaced > 0, "FourCC not found");
        return avi;
    }

    private static int Next(byte[] avi, int end, ReadOnlySpan<byte> from, int after)
    {
        var rest = avi.AsSpan(after + 4, end - after - 4).IndexOf(from);
        return rest < 0 ? -1 : after + 4 + rest;
    }
}
