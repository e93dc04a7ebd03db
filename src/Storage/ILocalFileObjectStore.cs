namespace VideoPlatform.Storage;

/// <summary>
/// A store whose objects are files this machine can open (the FileSystem store). A reader that needs a file (ffprobe,
/// ffmpeg) can take it in place instead of copying the whole object to a temp folder first: for a 20 GiB upload that
/// is 20 GiB of temp space and a full extra write saved. S3 has no such capability; callers download.
/// </summary>
public interface ILocalFileObjectStore
{
    /// <summary>The object's file, or null when there is no such object. Published objects are replaced by rename, never
    /// rewritten in place, so a reader that has the file open keeps reading the version it opened.</summary>
    string? LocalFile(string key);
}
