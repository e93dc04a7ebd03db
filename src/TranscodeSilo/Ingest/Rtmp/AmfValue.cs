namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>An AMF0 value. The closed set of records below is everything commands and metadata use.</summary>
public abstract record AmfValue;

public sealed record AmfNumber(double Value) : AmfValue;

public sealed record AmfBoolean(bool Value) : AmfValue;

/// <summary>A string; AMF0 "long string" (marker 0x0C) reads into this too and is written when it needs to be.</summary>
public sealed record AmfString(string Value) : AmfValue;

public sealed record AmfNull : AmfValue
{
    public static AmfNull Instance { get; } = new();
}

public sealed record AmfUndefined : AmfValue
{
    public static AmfUndefined Instance { get; } = new();
}

/// <summary>A date: milliseconds since the Unix epoch and a time zone field that AMF0 says to ignore.</summary>
public sealed record AmfDate(double Milliseconds, short TimeZone) : AmfValue;

public sealed record AmfStrictArray(IReadOnlyList<AmfValue> Items) : AmfValue;

public sealed record AmfProperty(string Name, AmfValue Value);
