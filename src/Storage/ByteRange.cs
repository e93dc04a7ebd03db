namespace VideoPlatform.Storage;

/// <summary>An inclusive byte range; <c>To</c> null means "to the end". <c>From</c> null with <c>To</c> set means "the last To bytes".</summary>
public readonly record struct ByteRange(long? From, long? To)
{
    /// <summary>
    /// Resolves the range against an object of <paramref name="objectLength"/> bytes, with HTTP semantics:
    /// an end past the object is clamped, a start past it (or any range on an empty object) is unsatisfiable.
    /// </summary>
    public (long Offset, long Length) Resolve(string key, long objectLength)
    {
        if (From is null && To is null)
        {
            throw new ArgumentException("A byte range needs a start or a suffix length");
        }

        if (From < 0 || To < 0 || (From is not null && To is not null && To < From))
        {
            throw new ObjectRangeNotSatisfiableException(key, objectLength);
        }

        if (From is not { } from)
        {
            var suffix = Math.Min(To!.Value, objectLength);
            return suffix == 0
                ? throw new ObjectRangeNotSatisfiableException(key, objectLength)
                : (objectLength - suffix, suffix);
        }

        if (from >= objectLength)
        {
            throw new ObjectRangeNotSatisfiableException(key, objectLength);
        }

        var last = To is { } to ? Math.Min(to, objectLength - 1) : objectLength - 1;
        return (from, last - from + 1);
    }

    /// <summary>The HTTP Range header value (<c>bytes=a-b</c>, <c>bytes=a-</c>, <c>bytes=-n</c>).</summary>
    public string ToHeaderValue() => $"bytes={From}-{To}";
}
