namespace VideoPlatform.Grains.Search;

/// <summary>The <c>VideoPlatform:Search:InMemory</c> section.</summary>
public sealed class InMemorySearchSettings
{
    public const string Section = "VideoPlatform:Search:InMemory";

    public int MaxDocuments { get; set; } = 50_000;
}
