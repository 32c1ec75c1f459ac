using MachActors.Actors.Timing;

namespace MachActors.Personalities.Rt.Server;

/// <summary>What the server recorded for one task: jobs released, completed, late (completed after their deadline), the worst response time (completion - nominal release), and whether it faulted (its body threw: the task was ended).</summary>
public sealed record RtTaskStats(int Id, RtTaskSpec Spec, int Releases, int Completions, int Misses, Duration WorstResponse, bool Faulted = false)
{
    /// <summary>When the server learnt that the task was killed from outside (its task port died: task_terminate by another task), or null.</summary>
    public VirtualTime? KilledAt { get; init; }

    /// <summary>The CPU the executive bound the task to (docs/RT.md, "Several CPUs"), or null when it was never placed.</summary>
    public int? Cpu { get; init; }

    /// <summary>Every job ran and none missed its deadline.</summary>
    public bool AllMet => Completions == Spec.Jobs && Misses == 0;
}
