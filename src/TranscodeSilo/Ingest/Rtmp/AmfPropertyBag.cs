namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Objects and ECMA arrays: ordered name/value pairs (order kept, it is visible on the wire).</summary>
public abstract record AmfPropertyBag(IReadOnlyList<AmfProperty> Properties) : AmfValue
{
    public AmfValue? Find(string name)
    {
        foreach (var property in Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                return property.Value;
            }
        }

        return null;
    }

    public string? FindString(string name) => (Find(name) as AmfString)?.Value;

    public double? FindNumber(string name) => (Find(name) as AmfNumber)?.Value;
}

public sealed record AmfObject(IReadOnlyList<AmfProperty> Properties) : AmfPropertyBag(Properties);

/// <summary>An ECMA array; its declared count is only a hint and is not kept.</summary>
public sealed record AmfEcmaArray(IReadOnlyList<AmfProperty> Properties) : AmfPropertyBag(Properties);
