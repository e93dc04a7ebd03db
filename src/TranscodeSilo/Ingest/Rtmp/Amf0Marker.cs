namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>AMF0 type markers.</summary>
internal static class Amf0Marker
{
    public const byte Number = 0x00;
    public const byte Boolean = 0x01;
    public const byte String = 0x02;
    public const byte Object = 0x03;
    public const byte Null = 0x05;
    public const byte Undefined = 0x06;
    public const byte EcmaArray = 0x08;
    public const byte ObjectEnd = 0x09;
    public const byte StrictArray = 0x0A;
    public const byte Date = 0x0B;
    public const byte LongString = 0x0C;
}
