using MachActors.Actors;
using MachActors.Actors.Dispatch;

namespace MachActors.Tests.Properties.Actors;

/// <summary>Checks every property run makes, so a broken workload cannot pass by accident.</summary>
public static class SystemAssert
{
    /// <summary>Runs <paramref name="system"/> until nothing is left to do; fails unless it got there cleanly.</summary>
    public static void RunToQuiescence(ActorSystem system)
    {
        var result = system.RunUntilQuiescent(maxSteps: 1_000_000);
        Assert.True(result.Outcome == RunOutcome.Quiescent, $"the run ended {result.Outcome} after {result.Steps} steps");
        Clean(system);
    }

    /// <summary>Fails if any actor threw or reported a message as unhandled (the workload itself is broken then).</summary>
    public static void Clean(ActorSystem system)
    {
        Assert.True(system.FailureCount == 0, $"{system.FailureCount} actor failure(s)");
        Assert.True(system.UnhandledMessageCount == 0, $"{system.UnhandledMessageCount} unhandled message(s)");
    }
}
