namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

public enum FlvTagType
{
    None = 0,
    Audio = 8,
    Video = 9,
    Script = 18,
}
