namespace VideoPlatform.Bench.Tools;

/// <summary>The run's scratch folder (clips, raw encodes, nginx prefix); removed at the end.</summary>
public sealed class Workspace(string root) : IDisposable
{
    public string Root { get; } = Directory.CreateDirectory(root).FullName;

    public string Folder(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    /// <summary>A new empty folder for one run.</summary>
    public string Fresh(string name)
    {
        var path = Path.Combine(Root, name);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        return Directory.CreateDirectory(path).FullName;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
