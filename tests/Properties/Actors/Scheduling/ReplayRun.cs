using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Scheduling;
using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;

namespace MachActors.Tests.Properties.Actors.Scheduling;

/// <summary>What one run of a <see cref="ReplayWorkload"/> left behind.</summary>
/// <param name="Trace">Every trace event, in canonical one-line form.</param>
/// <param name="Schedule">Every scheduling decision of the run.</param>
public sealed record ReplayOutcome(IReadOnlyList<string> Trace, Schedule Schedule);

/// <summary>Runs a <see cref="ReplayWorkload"/> under a given strategy, from boot to termination.</summary>
public static class ReplayRun
{
    /// <summary>
    /// Spawns the nodes, pings each, runs for <see cref="ReplayWorkload.Horizon"/> µs of virtual
    /// time, then terminates the system; the trace and the schedule cover all of it.
    /// </summary>
    public static ReplayOutcome Run(ReplayWorkload workload, ISchedulingStrategy strategy)
    {
        var trace = new InMemoryTraceSink();
        var system = ActorSystem.Create("replay", new ActorSystemOptions { Strategy = strategy, Trace = trace });
        var peers = new IActorRef[workload.Programs.Length];
        for (var i = 0; i < peers.Length; i++)
        {
            var program = workload.Programs[i];
            peers[i] = system.Spawn(Props.Create(() => new ReplayNode(program, peers)), "n" + i);
        }
        foreach (var peer in peers) peer.Tell(new Ping(workload.Hops), null);
        var result = system.RunFor(Duration.FromMicroseconds(ReplayWorkload.Horizon), maxSteps: 200_000);
        Assert.True(result.Outcome == RunOutcome.DeadlineReached, $"the run ended {result.Outcome} after {result.Steps} steps");
        SystemAssert.Clean(system);
        system.Terminate();
        return new ReplayOutcome(trace.Lines(), system.RecordedSchedule());
    }
}
