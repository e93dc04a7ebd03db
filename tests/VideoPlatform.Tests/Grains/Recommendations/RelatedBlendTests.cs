using VideoPlatform.Grains.Recommendations;

namespace VideoPlatform.Tests.Grains.Recommendations;

[Trait("Category", "Unit")]
public sealed class RelatedBlendTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch.AddDays(1000);

    [Fact]
    public void Rank_CoWatchLeads_NeverItselfNorIneligible()
    {
        var candidates = new ContentCandidates
        {
            Indexed = true,
            Similar = [new ScoredVideo("similar", "o2", 0.9), new ScoredVideo("self", "o1", 1)],
            Eligible = [new ScoredVideo("next", "o3", 1)],
            Popular = [new ScoredVideo("popular", "o4", 1)],
        };

        var ranked = RelatedBlend.Rank("self", [("next", 5), ("private", 50)], candidates, 10);

        Assert.Equal(["next", "similar", "popular"], ranked.Select(r => r.VideoId));
    }

    [Fact]
    public void Rank_ColdStart_FallsBackToContentAndTrending()
    {
        var candidates = new ContentCandidates { Popular = [new ScoredVideo("popular", null, 1)], Similar = [new ScoredVideo("similar", null, 0.5)] };

        Assert.Equal(["similar", "popular"], RelatedBlend.Rank("new", [], candidates, 10).Select(r => r.VideoId));
    }

    [Fact]
    public void CoWatchEdges_DecayAndStayBounded()
    {
        var edges = new CoWatchEdges(max: 10, halfLife: TimeSpan.FromDays(1));
        edges.Add("old", 4, Now.AddDays(-2));
        edges.Add("new", 2, Now);
        for (var i = 0; i < 50; i++)
        {
            edges.Add($"v{i}", 0.1, Now);
        }

        var ranked = edges.Ranked(Now);
        Assert.InRange(edges.Count, 1, 10);
        Assert.Equal(["new", "old"], ranked.Take(2).Select(r => r.VideoId));
        Assert.Equal(1, ranked[1].Weight, 6);
    }

    [Fact]
    public void CoWatchPairs_LastThreeWithinWindow_CloserWeighsMore()
    {
        var history = new[] { ("c", Now.AddMinutes(-1)), ("b", Now.AddMinutes(-2)), ("a", Now.AddMinutes(-3)), ("z", Now.AddMinutes(-4)), ("old", Now.AddDays(-1)) };

        var pairs = CoWatchPairs.Of(history, Now, TimeSpan.FromHours(6)).ToList();

        Assert.Equal([("c", 1.0), ("b", 0.5), ("a", 1.0 / 3)], pairs);
    }
}
