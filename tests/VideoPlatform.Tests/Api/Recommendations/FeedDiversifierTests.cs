using VideoPlatform.Api.Recommendations;

namespace VideoPlatform.Tests.Api.Recommendations;

[Trait("Category", "Unit")]
public sealed class FeedDiversifierTests
{
    private static string OwnerOf(string item) => item[..1];

    [Fact]
    public void Diversify_NeverThreeInARowFromOneOwner_KeepsRankOtherwise()
    {
        string[] ranked = ["a1", "a2", "a3", "a4", "b1", "b2", "c1", "a5"];

        var result = FeedDiversifier.Diversify(ranked, OwnerOf);

        Assert.Equal(["a1", "a2", "b1", "a3", "a4", "b2", "c1", "a5"], result);
    }

    [Fact]
    public void Diversify_RandomFeeds_RuleHoldsAndNothingRepeats()
    {
        var random = new Random(7);
        for (var run = 0; run < 200; run++)
        {
            var ranked = Enumerable.Range(0, random.Next(0, 40)).Select(i => $"{(char)('a' + random.Next(0, 4))}{i}").ToList();

            var result = FeedDiversifier.Diversify(ranked, OwnerOf);

            Assert.Equal(result.Count, result.Distinct().Count());
            Assert.All(result, item => Assert.Contains(item, ranked));
            for (var i = FeedDiversifier.MaxRun; i < result.Count; i++)
            {
                Assert.False(result.Skip(i - FeedDiversifier.MaxRun).Take(FeedDiversifier.MaxRun + 1).Select(OwnerOf).Distinct().Count() == 1,
                    $"three in a row from one owner at {i}: {string.Join(",", result)}");
            }
        }
    }

    [Fact]
    public void Diversify_OnlyOneOwnerLeft_StopsRatherThanBreakTheRule()
    {
        Assert.Equal(["a1", "a2"], FeedDiversifier.Diversify(["a1", "a2", "a3"], OwnerOf));
    }
}
