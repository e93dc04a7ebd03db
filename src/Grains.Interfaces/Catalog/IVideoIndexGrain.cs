namespace VideoPlatform.Grains.Catalog;

/// <summary>The catalog kept in one grain, for running without PostgreSQL (development, tests).</summary>
[Alias("VideoPlatform.IVideoIndexGrain")]
public interface IVideoIndexGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task Upsert(VideoCatalogEntry entry);

    [Alias("List"), ReadOnly]
    Task<CatalogPage> List(CatalogQuery query);
}
