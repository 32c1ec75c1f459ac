using MachActors.Hardware;
using MachActors.Scenarios.Ipc;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// ipc-receive-right-moved with early timers, and two seeded bugs in what a port does with messages that
/// reach it while its receive right is in transit: <see cref="SeededBugs.InTransitHoldsOneMessage"/> (one
/// hold slot: a second message replaces the first, destroyed; found by the message accounting monitor)
/// and <see cref="SeededBugs.InTransitRequeuesReversed"/> (a stack: one sender's two messages come out
/// reversed; found by the scenario's per-sender order check). Both need three events in order: the move,
/// then two sends inside one transit. A transit is a few steps of one instant, and the senders' sends are
/// 100 cycles apart, so only a schedule that holds the move's path back while early timers move virtual
/// time on lets a second send in; PCT does that several times as often as random.
/// Measured for InTransitHoldsOneMessage, early timers 0.05, run seeds 1-5 (1,000 iterations; seed 1:
/// 400): PCT first finds it in iteration 369, 124, 34, 9, 126 (2, 5, 9, 9, 13 iterations with the bug);
/// random in 175, 676, none, 88, none (1, 1, 0, 3, 0). InTransitRequeuesReversed is hit by the same
/// iterations (every two-send transit so far held two messages of one sender). Budgets (seed 4): PCT 20,
/// random 100. Correct kernel: 100 iterations each of random and PCT with early timers.
/// </summary>
public class IpcInTransitHoldTests(ITestOutputHelper output)
{
    private const double EarlyTimers = 0.05;
    private const ulong Seed = 4;

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_CorrectKernelWithEarlyTimers_NoBug(string strategy)
    {
        EarlyTimerChecks.Clean(new ReceiveRightMovedScenario(), strategy, EarlyTimers, 100);
    }

    [Fact]
    public void Explore_InTransitHoldsOneMessageWithoutEarlyTimers_NoBug()
    {
        ScenarioChecks.Clean(new ReceiveRightMovedScenario { Seeded = SeededBugs.InTransitHoldsOneMessage }, "random", 150);
    }

    [Theory]
    [InlineData(nameof(SeededBugs.InTransitHoldsOneMessage), "pct", 20, "MessageAccountingMonitor")]
    [InlineData(nameof(SeededBugs.InTransitHoldsOneMessage), "random", 100, "MessageAccountingMonitor")]
    [InlineData(nameof(SeededBugs.InTransitRequeuesReversed), "pct", 20, "messages arrived as")]
    [InlineData(nameof(SeededBugs.InTransitRequeuesReversed), "random", 100, "messages arrived as")]
    public void Explore_TwoSendsInOneTransit_IsFoundWithinBudget(string bug, string strategy, int iterations, string foundBy)
    {
        var found = EarlyTimerChecks.FoundAndReplays(new ReceiveRightMovedScenario { Seeded = Enum.Parse<SeededBugs>(bug) }, strategy, EarlyTimers, iterations, Seed, output);

        Assert.Contains(foundBy, found.Bug.Text, StringComparison.Ordinal);
    }
}
