using MachActors.Scenarios.Unix;
using MachActors.Tests.Coyote.Catalog;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// unix-pipe-wait: three children write three 24-byte chunks each to one pipe and exit with their own
/// statuses; the parent reads to end of file in 20-byte reads and reaps each child. Budgets: 100 iterations
/// per strategy (random, pct, fair-pct), run seed 1, 10,000 steps (an iteration takes about 1,900). Seeded
/// bugs, each found under random and PCT within the same budget and replayed: a blocked pipe read loses its
/// first byte (a torn chunk), and wait reports a reaped child again (found in the first iteration: the
/// second wait always repeats the first).
/// </summary>
public class UnixPipeWaitTests(ITestOutputHelper output)
{
    private const int Iterations = 100;

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    public void Explore_CorrectServer_WholeChunksInOrderThenEofAndEachChildReapedOnce(string strategy)
    {
        var report = ScenarioChecks.Clean(new PipeWaitScenario(), strategy, Iterations);

        Assert.Equal(0, report.BoundReached);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_PipeDropsBytes_IsFoundAndReplays(string strategy) =>
        ScenarioChecks.FoundAndReplays(SeededBugCatalog.Named("unix-pipe-wait/PipeDropsBytes"), strategy, Iterations, output);

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_WaitReportsTwice_IsFoundAndReplays(string strategy)
    {
        var found = ScenarioChecks.FoundAndReplays(SeededBugCatalog.Named("unix-pipe-wait/WaitReportsTwice"), strategy, Iterations, output);

        Assert.Contains("reaped child", found.Bug.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamWrong_WholeInterleavedChunks_IsNull()
    {
        byte[] stream = [.. PipeWaitScenario.Chunk(1, 0), .. PipeWaitScenario.Chunk(0, 0), .. PipeWaitScenario.Chunk(2, 0), .. PipeWaitScenario.Chunk(0, 1),
            .. PipeWaitScenario.Chunk(1, 1), .. PipeWaitScenario.Chunk(2, 1), .. PipeWaitScenario.Chunk(2, 2), .. PipeWaitScenario.Chunk(1, 2), .. PipeWaitScenario.Chunk(0, 2)];

        Assert.Null(PipeWaitScenario.StreamWrong(stream));
    }

    [Fact]
    public void StreamWrong_TornReorderedOrShort_SaysWhat()
    {
        byte[] whole = [.. Enumerable.Range(0, PipeWaitScenario.Writers).SelectMany(w => Enumerable.Range(0, PipeWaitScenario.Chunks).SelectMany(c => PipeWaitScenario.Chunk(w, c)))];

        Assert.Contains("chunk at 0", PipeWaitScenario.StreamWrong(whole[1..]), StringComparison.Ordinal);
        Assert.Contains("not writer 0's chunk 0", PipeWaitScenario.StreamWrong([.. PipeWaitScenario.Chunk(0, 1), .. PipeWaitScenario.Chunk(0, 0), .. whole[48..]]), StringComparison.Ordinal);
        Assert.Contains("end of file after 192 bytes", PipeWaitScenario.StreamWrong(whole[..192]), StringComparison.Ordinal);
    }
}
