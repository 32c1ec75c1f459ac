namespace MachActors.Tests.Coyote.Catalog;

/// <summary>The table's arithmetic and layout on hand-made samples (no exploration).</summary>
public class IterationsToFindTests
{
    [Fact]
    public void Median_OddCount_IsTheMiddleValue() => Assert.Equal(3, IterationsToFind.Median([7, 0, 3]));

    [Fact]
    public void Median_EvenCount_IsTheMeanOfTheTwoMiddleValues() => Assert.Equal(2.5, IterationsToFind.Median([9, 2, 0, 3]));

    [Fact]
    public void Median_NotFoundRuns_CountAboveEveryFoundIndex() => Assert.Equal(1500, IterationsToFind.Median([null, 1500, 4]));

    [Fact]
    public void Median_HalfOrMoreNotFound_IsNull()
    {
        Assert.Null(IterationsToFind.Median([null, null, 4]));
        Assert.Null(IterationsToFind.Median([null, 5, 4, null]));
        Assert.Null(IterationsToFind.Median([]));
    }

    [Fact]
    public void FoundByMajority_NeedsMoreThanHalf()
    {
        Assert.True(IterationsToFind.FoundByMajority([1, null, 2]));
        Assert.False(IterationsToFind.FoundByMajority([1, null, 2, null]));
    }

    [Fact]
    public void Cell_AllFound_ShowsMedianAndRange() => Assert.Equal("2 (0-1,250)", IterationsToFind.Cell([1250, 0, 2], 2000));

    [Fact]
    public void Cell_EvenCount_ShowsAFractionalMedian() => Assert.Equal("2.5 (0-9)", IterationsToFind.Cell([9, 2, 0, 3], 2000));

    [Fact]
    public void Cell_SomeNotFound_ShowsTheCount() => Assert.Equal("4 (1-6), 4/5 found", IterationsToFind.Cell([6, null, 1, 4, 3], 2000));

    [Fact]
    public void Cell_MedianNotFound_SaysAboveTheCap() => Assert.Equal("> 2,000, 1/3 found", IterationsToFind.Cell([null, 8, null], 2000));

    [Fact]
    public void Table_OneRowPerBug_CellsInStrategyOrder()
    {
        var rows = new List<IterationsToFindRow>
        {
            new("a/x", "R1", new Dictionary<string, IReadOnlyList<long?>> { ["pct"] = [0, 0, 1], ["random"] = [4, 2, 9] }),
            new("b/y", "R8", new Dictionary<string, IReadOnlyList<long?>> { ["random"] = [null, null, 3] }),
        };

        var lines = IterationsToFind.Table(["random", "pct"], rows, 3, 2000, "PCT depth 3.").Split('\n');

        Assert.StartsWith("Iteration index (0-based", lines[0], StringComparison.Ordinal);
        Assert.Contains("seeds 1..3", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("PCT depth 3.", lines[0], StringComparison.Ordinal);
        Assert.Equal("| seeded bug | race | random | pct |", lines[2]);
        Assert.Equal("|---|---|---:|---:|", lines[3]);
        Assert.Equal("| `a/x` | R1 | 4 (2-9) | 0 (0-1) |", lines[4]);
        Assert.Equal("| `b/y` | R8 | > 2,000, 1/3 found |  |", lines[5]);
    }
}
