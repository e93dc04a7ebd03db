namespace VideoPlatform.Grains.Uploads;

/// <summary>The object keys of an upload: staged objects under <c>uploads/{uploadId}/</c>, the result at <c>raw/{videoId}/source</c>.</summary>
public static class UploadKeys
{
    public static string Source(string videoId) => $"raw/{videoId}/source";

    public static string StagingPrefix(string uploadId) => $"uploads/{uploadId}/";

    /// <summary>The single growing object of a store that can append.</summary>
    public static string Appended(string uploadId) => $"uploads/{uploadId}/data";

    public static string Tail(string uploadId, Guid grant) => $"uploads/{uploadId}/tail-{grant:N}";
}
