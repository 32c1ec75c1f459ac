using MachActors.Actors.Scheduling;
using MachActors.Actors.Tracing;

namespace MachActors.Tests.Unit.Actors.Scheduling;

/// <summary>
/// A workload with real races for the determinism and replay tests: producers that each send a
/// burst of numbered messages to one collector, each making a controlled choice first, plus a timer.
/// The collector's arrival order depends on the schedule; every run ends with Terminate, so a
/// recording covers the whole life of the system.
/// </summary>
public static class RaceWorkload
{
    /// <summary>One recorded run: its trace lines, its schedule, and the collector's arrival order.</summary>
    public sealed record Outcome(IReadOnlyList<string> Trace, Schedule Schedule, IReadOnlyList<string> Arrivals);

    /// <summary>Runs the workload with <paramref name="producers"/> producers on a system with <paramref name="options"/>.</summary>
    public static Outcome Run(ActorSystemOptions options, int producers = 4, int messages = 5)
    {
        var trace = new InMemoryTraceSink();
        var arrivals = new List<string>();
        var sys = ActorSystem.Create("race", options with { Trace = trace });
        var collector = sys.Spawn(LambdaActor.Props((self, m) => arrivals.Add(m.ToString()!)), "collector");
        for (var p = 0; p < producers; p++)
        {
            var name = "p" + p;
            sys.Spawn(LambdaActor.WithHooks(preStart: self =>
            {
                var burst = messages + self.Context.ChooseInt(3);
                if (self.Context.ChooseBool()) self.Context.Timers.StartSingleTimer("t", name + ":timer", Duration.FromMilliseconds(1));
                for (var i = 0; i < burst; i++) collector.Tell(name + ":" + i, self.Self);
            }), name);
        }
        sys.RunUntilQuiescent();
        sys.Terminate();
        return new Outcome(trace.Lines(), sys.RecordedSchedule(), arrivals);
    }
}
