using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Kernel.Programs.Workloads;

namespace MachActors.Scenarios.Vm;

/// <summary>A machine scenario under memory pressure: 48 frames and a swap disk (so the paging daemon runs), 2 CPUs, 5 s of virtual time.</summary>
public abstract class PagingScenario : MachineScenario
{
    /// <summary>Physical frames: few enough that the scenarios' memory does not fit.</summary>
    public const int Frames = 48;

    /// <summary>48 frames and a swap disk.</summary>
    protected override MachineConfig Config => PagingWorkload.WithSwap(base.Config with { FrameCount = Frames });

    /// <inheritdoc />
    protected override Duration TimeLimit => Duration.FromSeconds(5);
}
