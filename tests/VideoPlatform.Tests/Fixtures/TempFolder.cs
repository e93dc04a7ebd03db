namespace VideoPlatform.Tests.Fixtures;

/// <summary>A folder under the system temp path, removed on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "vp-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
