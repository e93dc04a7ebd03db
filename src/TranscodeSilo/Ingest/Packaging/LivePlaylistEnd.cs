namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>
/// Closes a live media playlist that its writer can no longer close: the publisher dropped and never came back, or
/// its ingest node died. With <c>#EXT-X-ENDLIST</c> players stop polling and play the window to its end instead of
/// waiting for segments that will never come.
/// </summary>
public static class LivePlaylistEnd
{
    public const string Tag = "#EXT-X-ENDLIST";

    public const string WindowName = "live.m3u8";

    /// <returns>The closed playlist, or null when there is nothing to do (already closed, or not a playlist).</returns>
    public static string? Close(string playlist)
    {
        if (!playlist.StartsWith("#EXTM3U", StringComparison.Ordinal) || playlist.Contains(Tag, StringComparison.Ordinal))
        {
            return null;
        }

        return playlist.TrimEnd('\r', '\n') + "\n" + Tag + "\n";
    }

    /// <summary>Whether an object under a session's prefix is one rung's live window (not its index or the master).</summary>
    public static bool IsWindow(string key) => key.EndsWith("/" + WindowName, StringComparison.Ordinal);
}
