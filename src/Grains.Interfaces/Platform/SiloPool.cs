namespace VideoPlatform.Grains.Platform;

/// <summary>Which pool a silo belongs to: general grains or media (FFmpeg/RTMP) grains.</summary>
public enum SiloPool
{
    General,
    Media,
}
