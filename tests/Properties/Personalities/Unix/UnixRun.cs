using System.Collections.Concurrent;
using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Programs;
using MachActors.Pagers.Default;
using MachActors.Personalities.Unix;
using MachActors.Tests.Properties.Actors.Dispatch;

namespace MachActors.Tests.Properties.Personalities.Unix;

/// <summary>One machine running the UNIX server with a generated init program, in a given run mode; what init recorded.</summary>
internal static class UnixRun
{
    /// <summary>Boots, runs init (made by <paramref name="init"/> over the run's log) until the server shuts down (at most 30 s virtual), and returns the log ("&lt;run did not end&gt;" first when it did not).</summary>
    /// <param name="init">Makes init over the run's log.</param>
    /// <param name="mode">The dispatcher and its seed.</param>
    /// <param name="bugs">Seeded server bugs.</param>
    /// <param name="machineConfig">The machine (default: 2 CPUs); with <paramref name="diskDevice"/>, the server's file system is on that disk.</param>
    /// <param name="diskDevice">The disk the server mounts (formatting a fresh one), or null for the in-memory file system.</param>
    /// <param name="after">Called with the machine after the run (to read its status).</param>
    public static IReadOnlyList<string> Run(Func<ConcurrentQueue<string>, UnixProgram> init, RunMode mode, UnixSeededBugs bugs = UnixSeededBugs.None,
        MachineConfig? machineConfig = null, string? diskDevice = null, Action<Machine>? after = null)
    {
        var log = new ConcurrentQueue<string>();
        using var system = mode.CreateSystem();
        var programs = new ProgramRegistry();
        UnixServer.Register(programs, new UnixConfig { Programs = new UnixProgramRegistry().Register("init", init(log)), SeededBugs = bugs, DiskDevice = diskDevice });
        var config = machineConfig ?? new MachineConfig { CpuCount = 2 };
        var machine = Machine.Boot(system, config, programs, null, config.SwapDisk is null ? null : DefaultPagerBoot.Create);
        machine.StartTask("unix");
        var result = machine.RunUntilThreadsEnd(Duration.FromSeconds(30));
        after?.Invoke(machine);
        return result.Outcome == RunOutcome.ConditionMet ? [.. log] : ["<run did not end>", .. log];
    }
}
