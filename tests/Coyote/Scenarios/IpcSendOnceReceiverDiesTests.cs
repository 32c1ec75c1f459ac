using MachActors.Scenarios.Ipc;
using MachActors.Tests.Coyote.Catalog;
using MachActors.Tests.Coyote.Harness;
using Xunit.Abstractions;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// ipc-send-once-receiver-dies: send-once rights queued, held, in flight or not yet sent when the task
/// holding the receive right is terminated. Budget: 150 iterations per strategy, run seed 1, 10,000
/// steps (about 260 steps an iteration; 2 s of virtual time, about 900 steps, when a thread hangs). The
/// seeded bug (a dying port's queued messages release their send-once rights without notifications)
/// needs a request carrying a send-once right to be queued when the port dies (about half the schedules
/// at the default kill time); found by liveness (a thread waits for its reply forever).
/// </summary>
public class IpcSendOnceReceiverDiesTests(ITestOutputHelper output)
{
    private const int Iterations = 150;

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    public void Explore_CorrectKernel_EverySendOnceRightEndsAndNoThreadHangs(string strategy)
    {
        ScenarioChecks.Clean(new SendOnceReceiverDiesScenario(), strategy, Iterations);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explore_PortDeathQuietSendOnce_IsFoundByLivenessAndReplays(string strategy) =>
        ScenarioChecks.FoundAndReplays(SeededBugCatalog.Named("ipc-send-once-receiver-dies/PortDeathQuietSendOnce"), strategy, Iterations, output);
}
