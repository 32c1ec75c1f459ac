using FsCheck;
using FsCheck.Fluent;

namespace MachActors.Tests.Properties.Infra;

/// <summary>The helper itself: failures carry the counterexamples and a seed that reproduces them.</summary>
public class PropCheckTests
{
    /// <summary>The overrides are ignored here, so these tests mean the same in any environment.</summary>
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    /// <summary>Deliberately false: every array of 3 or more elements falsifies it; the minimal one is [|0; 0; 0|].</summary>
    private static Property ShortArraysOnly() => Prop.ForAll<int[]>(xs => xs.Length < 3);

    [Fact] // 100 cases
    public void TruePropertyPasses()
    {
        var cases = 0;
        PropCheck.Check(Prop.ForAll<int>(x => { cases++; return x + 0 == x; }), 100, null, null, NoEnvironment);
        Assert.Equal(100, cases);
    }

    [Fact] // up to 200 cases, fixed seed
    public void FalsePropertyThrowsWithShrunkCounterexampleAndSeed()
    {
        var ex = Assert.Throws<PropertyFailedException>(() =>
            PropCheck.Check(ShortArraysOnly(), 200, "1,3", null, NoEnvironment));
        Assert.Equal([0, 0, 0], (int[])ex.Shrunk.Single());
        Assert.NotEqual((int[])ex.Original.Single(), (int[])ex.Shrunk.Single());
        Assert.Contains("Original: ", ex.Message);
        Assert.Contains("Shrunk:   [|0; 0; 0|]", ex.Message);
        Assert.Contains($"{PropCheck.ReplayEnv}={ex.Replay}", ex.Message);
        Assert.Equal("1,3", ex.Replay);
    }

    [Fact] // up to 200 cases, twice: a random seed, then its replay
    public void ReplayingTheReportedSeedReproducesTheCounterexample()
    {
        var first = Assert.Throws<PropertyFailedException>(() =>
            PropCheck.Check(Prop.ForAll<int[]>(xs => xs.Sum() < 40), 200, null, null, NoEnvironment));
        var again = Assert.Throws<PropertyFailedException>(() =>
            PropCheck.Check(Prop.ForAll<int[]>(xs => xs.Sum() < 40), 200, first.Replay, null, NoEnvironment));
        Assert.Equal((int[])first.Original.Single(), (int[])again.Original.Single());
        Assert.Equal((int[])first.Shrunk.Single(), (int[])again.Shrunk.Single());
        Assert.Equal(first.Result.Item1.NumberOfTests, again.Result.Item1.NumberOfTests);
    }

    [Fact] // up to 200 cases, then the failing case alone
    public void ReplayingTheFailingCaseAloneFindsItAtOnce()
    {
        var first = Assert.Throws<PropertyFailedException>(() => PropCheck.Check(ShortArraysOnly(), 200, null, null, NoEnvironment));
        var atCase = PropCheck.ReplayAtFailingCase(first.Result);
        Assert.Contains(atCase, first.Message);
        var again = Assert.Throws<PropertyFailedException>(() => PropCheck.Check(ShortArraysOnly(), 200, atCase, null, NoEnvironment));
        Assert.Equal(1, again.Result.Item1.NumberOfTests);
        Assert.Equal((int[])first.Original.Single(), (int[])again.Original.Single());
    }

    [Fact] // up to 100 cases
    public void AnAssertionInsideTheBodyIsTheInnerException()
    {
        var ex = Assert.Throws<PropertyFailedException>(() =>
            PropCheck.Check(Prop.ForAll<int>(x => Assert.True(x < 5, $"x was {x}")), 100, null, null, NoEnvironment));
        Assert.IsType<Xunit.Sdk.TrueException>(ex.InnerException);
        Assert.Equal(5, (int)ex.Shrunk.Single());
    }

    [Fact] // 100 cases wanted, none qualifies
    public void APropertyWhosePreconditionNeverHoldsFails()
    {
        var ex = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            PropCheck.Check(Prop.ForAll<int>(x => Prop.When(x < int.MinValue, () => true)), 100, null, null, NoEnvironment));
        Assert.Contains("precondition", ex.Message);
    }

    [Fact]
    public void EnvironmentOverridesTheCodeSettings()
    {
        var env = new Dictionary<string, string?> { [PropCheck.MaxTestEnv] = "7", [PropCheck.ReplayEnv] = "(11,13)" };
        var config = PropCheck.Configure(100, "1,3", name => env.GetValueOrDefault(name));
        Assert.Equal(7, config.MaxTest);
        Assert.Equal(11UL, config.Replay.Value.Rnd.Seed);
        Assert.Equal(13UL, config.Replay.Value.Rnd.Gamma);
        var plain = PropCheck.Configure(100, null, NoEnvironment);
        Assert.Equal(100, plain.MaxTest);
        Assert.Null(plain.Replay);
    }

    [Theory]
    [InlineData("1,3", 1UL, 3UL, null)]
    [InlineData("(12345, 67891)", 12345UL, 67891UL, null)]
    [InlineData("5,7,42", 5UL, 7UL, 42)]
    public void ReplaySeedsParse(string text, ulong seed, ulong gamma, int? size) =>
        Assert.Equal((seed, gamma, size), PropCheck.ParseReplay(text));

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("a,b")]
    [InlineData("1,2,3,4")]
    public void MalformedReplaySeedsAreRejected(string text) =>
        Assert.Throws<FormatException>(() => PropCheck.ParseReplay(text));
}
