using System.Collections.Concurrent;
using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Programs;
using MachActors.Personalities.Unix;
using MachActors.Tests.Properties.Actors.Dispatch;

namespace MachActors.Tests.Properties.Personalities.Unix;

/// <summary>One machine running the UNIX server with a generated init program, in a given run mode; what init recorded.</summary>
internal static class UnixRun
{
    /// <summary>Boots, runs init (made by <paramref name="init"/> over the run's log) until the server shuts down (at most 30 s virtual), and returns the log ("&lt;run did not end&gt;" first when it did not).</summary>
    public static IReadOnlyList<string> Run(Func<ConcurrentQueue<string>, UnixProgram> init, RunMode mode, UnixSeededBugs bugs = UnixSeededBugs.None)
    {
        var log = new ConcurrentQueue<string>();
        using var system = mode.CreateSystem();
        var programs = new ProgramRegistry();
        UnixServer.Register(programs, new UnixConfig { Programs = new UnixProgramRegistry().Register("init", init(log)), SeededBugs = bugs });
        var machine = Machine.Boot(system, new MachineConfig { CpuCount = 2 }, programs);
        machine.StartTask("unix");
        var result = machine.RunUntilThreadsEnd(Duration.FromSeconds(30));
        return result.Outcome == RunOutcome.ConditionMet ? [.. log] : ["<run did not end>", .. log];
    }
}
