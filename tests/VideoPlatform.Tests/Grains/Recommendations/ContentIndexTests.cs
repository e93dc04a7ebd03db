using VideoPlatform.Grains.Recommendations;

namespace VideoPlatform.Tests.Grains.Recommendations;

[Trait("Category", "Unit")]
public sealed class ContentIndexTests
{
    private static ContentDocument Doc(string id, string owner, params string[] words) => new()
    {
        VideoId = id,
        OwnerId = owner,
        Terms = words,
        Counts = words.Select(_ => 1).ToArray(),
        CreatedAt = DateTimeOffset.UnixEpoch.AddMinutes(id.GetHashCode(StringComparison.Ordinal) & 0xffff),
        Version = 1,
    };

    private static ContentIndex Index()
    {
        var index = new ContentIndex(maxVocabulary: 1_000, maxDocuments: 1_000);
        index.Upsert(Doc("k1", "o1", "kubernetes", "helm", "cluster"));
        index.Upsert(Doc("k2", "o2", "kubernetes", "helm", "ingress"));
        index.Upsert(Doc("k3", "o3", "kubernetes", "pods"));
        index.Upsert(Doc("c1", "o1", "cooking", "pasta", "sauce"));
        index.Upsert(Doc("c2", "o4", "cooking", "pasta", "basil"));
        return index;
    }

    [Fact]
    public void Similar_RanksSharedRareTermsFirst_NeverItself()
    {
        var similar = Index().Similar("k1", 10);

        Assert.Equal(["k2", "k3"], similar.Select(s => s.VideoId));
        Assert.True(similar[0].Score > similar[1].Score);
        Assert.All(similar, s => Assert.InRange(s.Score, 0, 1));
    }

    [Fact]
    public void Remove_VideoLeavesEveryList()
    {
        var index = Index();

        index.Remove("k2");

        Assert.DoesNotContain("k2", index.Similar("k1", 10).Select(s => s.VideoId));
        Assert.DoesNotContain("k2", index.Fresh(10).Select(s => s.VideoId));
        Assert.Empty(index.Candidates("k2", [], 10, []).Similar);
    }

    [Fact]
    public void Upsert_BeyondBounds_DropsOldestAndIgnoresNewTerms()
    {
        var index = new ContentIndex(maxVocabulary: 100, maxDocuments: 100);
        for (var i = 0; i < 300; i++)
        {
            index.Upsert(Doc($"v{i}", "o", $"word{i}", $"other{i}") with { CreatedAt = DateTimeOffset.UnixEpoch.AddSeconds(i) });
        }

        Assert.InRange(index.Count, 1, 100);
        Assert.InRange(index.VocabularySize, 1, 100);
        Assert.True(index.Contains("v299"));
        Assert.False(index.Contains("v0"));
    }

    [Fact]
    public void Candidates_KeepOnlyIndexedCoWatchAndPopular()
    {
        var candidates = Index().Candidates("k1", ["c1", "gone"], 10, [new ScoredVideo("gone", null, 1), new ScoredVideo("c2", "o4", 0.5)]);

        Assert.Equal(["c1"], candidates.Eligible.Select(e => e.VideoId));
        Assert.Equal(["c2"], candidates.Popular.Select(e => e.VideoId));
        Assert.Equal(["c1"], candidates.SameOwner.Select(e => e.VideoId));
    }
}
