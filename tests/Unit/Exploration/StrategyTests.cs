using MachActors.Actors.Scheduling;
using MachActors.Exploration;
using MachActors.Exploration.Strategies;

namespace MachActors.Tests.Unit.Exploration;

/// <summary>The strategies' own rules: PCT's change points, the factory's errors, shard parsing.</summary>
public class StrategyTests
{
    [Theory]
    [InlineData(1UL, 3, 100L)]
    [InlineData(2UL, 5, 10L)]
    [InlineData(3UL, 11, 1_000_000L)]
    public void PctStrategy_ChangePoints_AreDepthMinusOneDistinctStepsBelowK(ulong seed, int depth, long k)
    {
        var pct = new PctStrategy(seed, depth, k);

        Assert.Equal(depth - 1, pct.ChangePoints.Count);
        Assert.Equal(pct.ChangePoints.Count, pct.ChangePoints.Distinct().Count());
        Assert.All(pct.ChangePoints, c => Assert.InRange(c, 0, k - 1));
        Assert.Equal(pct.ChangePoints, new PctStrategy(seed, depth, k).ChangePoints);
    }

    [Fact]
    public void PctStrategy_RangeSmallerThanPoints_TakesEveryStep() =>
        Assert.Equal([0L, 1L], new PctStrategy(1, depth: 5, stepEstimate: 2).ChangePoints);

    [Fact]
    public void ChooseChangePoints_OverManySeeds_HitsEveryStepOfTheRange()
    {
        var seen = new HashSet<long>();
        for (ulong s = 0; s < 400; s++) seen.UnionWith(PctStrategy.ChooseChangePoints(new DeterministicRandom(s), 2, 10));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), seen.Order());
    }

    [Theory]
    [InlineData("bogus", "unknown strategy 'bogus'; known: random, pct, fair-pct, dfs, portfolio")]
    public void TryCreate_UnknownName_ListsTheKnownStrategies(string name, string expected)
    {
        Assert.False(StrategyFactory.TryCreate(new StrategyOptions { Name = name }, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryCreate_BadParameters_NameTheRule()
    {
        Assert.False(StrategyFactory.TryCreate(new StrategyOptions { Name = "pct", Depth = 0 }, out _, out var depth));
        Assert.Contains("--depth", depth);
        Assert.False(StrategyFactory.TryCreate(new StrategyOptions { EarlyTimers = 2 }, out _, out var early));
        Assert.Contains("--early-timers", early);
    }

    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("3/8", 3, 8)]
    public void Shard_TryParse_Valid(string text, int k, int n)
    {
        Assert.True(Shard.TryParse(text, out var shard, out _));
        Assert.Equal(new Shard(k, n), shard);
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("3")]
    [InlineData("a/b")]
    [InlineData("-1/3")]
    public void Shard_TryParse_Invalid_SaysWhatIsExpected(string text)
    {
        Assert.False(Shard.TryParse(text, out _, out var error));
        Assert.Contains("--shard", error);
    }

    [Fact]
    public void Shard_Owns_SplitsIterationsDisjointly()
    {
        var shards = Enumerable.Range(1, 3).Select(k => new Shard(k, 3)).ToList();

        for (long i = 0; i < 30; i++) Assert.Single(shards, s => s.Owns(i));
    }
}
