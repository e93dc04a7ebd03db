namespace VideoPlatform.Grains.Recommendations;

/// <summary>The newest <c>size</c> videos, newest first, kept up to date one document at a time. Pure.</summary>
public sealed class FreshList(int size)
{
    private readonly List<(DateTimeOffset At, ScoredVideo Video)> items = [];

    public IEnumerable<ScoredVideo> Items => items.Select(i => i.Video);

    public void Add(ContentDocument document)
    {
        Remove(document.VideoId);
        var at = items.FindIndex(i => i.At < document.CreatedAt);
        if (at < 0 && items.Count >= size)
        {
            return;
        }

        items.Insert(at < 0 ? items.Count : at, (document.CreatedAt, new ScoredVideo(document.VideoId, document.OwnerId, 1)));
        if (items.Count > size)
        {
            items.RemoveAt(items.Count - 1);
        }
    }

    public void Remove(string videoId) => items.RemoveAll(i => i.Video.VideoId == videoId);
}
