namespace VideoPlatform.Storage;

/// <summary>S3's multipart rules, enforced by every store so that code tested on the FileSystem store also works on S3.</summary>
public static class MultipartLimits
{
    /// <summary>Every part but the last must be at least this large.</summary>
    public const long MinimumPartSize = 5L * 1024 * 1024;

    public const int MaxPartNumber = 10_000;

    public static void CheckPartNumber(int partNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partNumber, MaxPartNumber);
    }

    /// <summary>Part numbers must be strictly ascending, as S3 requires.</summary>
    public static void CheckOrder(string key, IReadOnlyList<MultipartPart> parts)
    {
        if (parts.Count == 0)
        {
            throw new InvalidMultipartException(key, "no parts");
        }

        for (var i = 1; i < parts.Count; i++)
        {
            if (parts[i].PartNumber <= parts[i - 1].PartNumber)
            {
                throw new InvalidMultipartException(key, "part numbers must be strictly ascending");
            }
        }
    }

    /// <summary>Checks declared part lengths (stores that cannot see the parts themselves rely on these).</summary>
    public static void CheckSizes(string key, IReadOnlyList<MultipartPart> parts)
    {
        for (var i = 0; i < parts.Count - 1; i++)
        {
            if (parts[i].Length < MinimumPartSize)
            {
                throw new InvalidMultipartException(key, $"part {parts[i].PartNumber} is smaller than {MinimumPartSize} bytes");
            }
        }
    }
}
