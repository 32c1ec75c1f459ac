using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Programs;

namespace MachActors.Personalities.Rt;

/// <summary>
/// The host's entry to the executive (docs/RT.md, "Running it"): a main program that creates a task set
/// whose jobs each compute their spec's cost, and the server registered and started on a booted machine.
/// </summary>
public static class RtBoot
{
    /// <summary>
    /// A small demonstration set for a host run: three tasks with rate-monotonic priorities over one
    /// 40 ms hyperperiod repeated 10 times (400 ms), utilisation 0.2 + 0.2 + 0.15 = 0.55, under the
    /// three-task Liu-Layland bound (0.780): every deadline is met even beside a busy machine.
    /// </summary>
    public static IReadOnlyList<RtTaskSpec> DefaultSet { get; } =
    [
        new("control", Duration.FromMilliseconds(5), Duration.FromMilliseconds(5), RtPriorities.Highest, 80, Duration.FromMilliseconds(1)),
        new("sensor", Duration.FromMilliseconds(10), Duration.FromMilliseconds(10), RtPriorities.Highest + 1, 40, Duration.FromMilliseconds(2)),
        new("logger", Duration.FromMilliseconds(40), Duration.FromMilliseconds(40), RtPriorities.Highest + 2, 10, Duration.FromMilliseconds(6)),
    ];

    /// <summary>A main program that creates every task of <paramref name="set"/> (each job computes its cost).</summary>
    public static RtProgram MainFor(IReadOnlyList<RtTaskSpec> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return async rt =>
        {
            foreach (var spec in set) await rt.TaskCreate(spec, job => job.Compute(spec.Cost));
        };
    }

    /// <summary>Registers the server in <paramref name="programs"/> (the machine's registry) with <paramref name="set"/> as its task set; returns the report the server fills.</summary>
    public static RtReport Register(ProgramRegistry programs, IReadOnlyList<RtTaskSpec> set, string name = "rt") =>
        Register(programs, new RtConfig { Main = MainFor(set) }, name);

    /// <summary>Registers the server with <paramref name="config"/>; returns its report.</summary>
    public static RtReport Register(ProgramRegistry programs, RtConfig config, string name = "rt")
    {
        ArgumentNullException.ThrowIfNull(config);
        RtServer.Register(programs, config, name);
        return config.Report;
    }

    /// <summary>Starts the registered server on <paramref name="machine"/> (as a first task); the result of the start.</summary>
    public static KernReturn Start(Machine machine, string name = "rt")
    {
        ArgumentNullException.ThrowIfNull(machine);
        return machine.StartTask(name).Result;
    }
}
