using VideoPlatform.Api.Transport;

namespace VideoPlatform.Tests.Api.Transport;

[Trait("Category", "Unit")]
public sealed class BodyWritePlanTests
{
    private const int MiB = 1 << 20;

    [Theory]
    [InlineData(0L, 10L * MiB, MiB, MiB)] // aligned start: a whole stage
    [InlineData(3L * MiB, 10L * MiB, MiB, MiB)]
    [InlineData(12345L, 10L * MiB, MiB, MiB - 12345)] // a taken-over body starts anywhere: the first write catches up
    [InlineData(MiB + 1L, 10L * MiB, MiB, MiB - 1)]
    [InlineData(12345L, 100L, MiB, 100)] // the body's end comes first
    [InlineData(5L * MiB, 3L, MiB, 3)]
    [InlineData(70000L, 10L * MiB, 65536, 61072)] // a smaller stage (a pipe the system kept at 64 KiB)
    public void Due_EndsOnTheNextMultipleOfTheCapacity_OrTheBodysEnd(long offset, long remaining, int capacity, int expected) =>
        Assert.Equal(expected, BodyWritePlan.Due(offset, remaining, capacity));

    [Theory]
    [InlineData(0L, 25600, 24576)] // up to the last page boundary
    [InlineData(12345L, 25600, 24519)]
    [InlineData(4096L, 8197, 8192)]
    [InlineData(0L, 100, 100)] // no boundary crossed: everything
    [InlineData(4000L, 90, 90)]
    [InlineData(4000L, 96, 96)] // ends exactly on a boundary
    public void WhenFull_WritesUpToTheLastPageBoundary_OrEverything(long offset, int staged, int expected) =>
        Assert.Equal(expected, BodyWritePlan.WhenFull(offset, staged));

    [Theory]
    [InlineData(0L, 10000L, 8192L)]
    [InlineData(12345L, 10000L, 20480 - 12345)]
    [InlineData(4096L, 4096L, 4096L)]
    [InlineData(4000L, 95L, 0L)] // no page boundary reached: nothing yet
    [InlineData(4000L, 96L, 96L)]
    [InlineData(0L, 0L, 0L)]
    public void UpToPage_EndsOnTheLastPageBoundaryReached(long offset, long length, long expected) =>
        Assert.Equal(expected, BodyWritePlan.UpToPage(offset, length));
}
