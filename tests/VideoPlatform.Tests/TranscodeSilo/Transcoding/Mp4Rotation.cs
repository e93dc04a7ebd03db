using System.Buffers.Binary;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

/// <summary>
/// Gives an MP4's first track a 90° display matrix, the way phones tag portrait video. ffmpeg 5.1 has no option to
/// write one (-display_rotation came in 6.0), so the tkhd box is patched.
/// </summary>
internal static class Mp4Rotation
{
    public static byte[] RotateQuarterTurn(byte[] mp4)
    {
        var at = mp4.AsSpan().IndexOf("tkhd"u8);
        Assert.True(at > 0, "no tkhd box");
        Assert.Equal(0, mp4[at + 4]);

        // version 0 tkhd: version+flags, creation, modification, track id, reserved, duration (4 each),
        // reserved (8), layer, alternate group, volume, reserved (2 each), then the 3x3 matrix.
        var matrix = at + 4 + (4 * 6) + 8 + 8;
        uint[] quarterTurn = [0, 0x00010000, 0, 0xFFFF0000, 0, 0, 0, 0, 0x40000000];
        for (var i = 0; i < quarterTurn.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(mp4.AsSpan(matrix + (i * 4)), quarterTurn[i]);
        }

        return mp4;
    }
}
