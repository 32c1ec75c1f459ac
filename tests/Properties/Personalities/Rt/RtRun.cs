using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Programs;
using MachActors.Personalities.Rt;
using MachActors.Tests.Properties.Actors.Dispatch;

namespace MachActors.Tests.Properties.Personalities.Rt;

/// <summary>One machine (one CPU) running the RT server with a task set, in a given run mode; the server's report (null when the run did not end).</summary>
internal static class RtRun
{
    public static RtReport? Run(IReadOnlyList<RtTaskSpec> set, RunMode mode, RtSeededBugs bugs = RtSeededBugs.None)
    {
        using var system = mode.CreateSystem();
        var programs = new ProgramRegistry();
        var config = new RtConfig { Main = RtBoot.MainFor(set), SeededBugs = bugs };
        RtBoot.Register(programs, config);
        var machine = Machine.Boot(system, new MachineConfig { CpuCount = 1 }, programs);
        RtBoot.Start(machine);
        var result = machine.RunUntilThreadsEnd(Duration.FromSeconds(30));
        return result.Outcome == RunOutcome.ConditionMet ? config.Report : null;
    }
}
