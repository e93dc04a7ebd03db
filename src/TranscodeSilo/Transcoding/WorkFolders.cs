namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Per-job temp folders of the media pool.</summary>
public static class WorkFolders
{
    /// <summary>Removes a work folder and everything in it; a folder already gone or still busy is left alone.</summary>
    public static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }
}
