using MachActors.Actors.Timing;

namespace MachActors.Personalities.Rt.Server;

/// <summary>What the server recorded for one task: jobs released, completed, late (completed after their deadline), the worst response time (completion - nominal release), and whether it faulted (its body threw: the task was ended).</summary>
public sealed record RtTaskStats(int Id, RtTaskSpec Spec, int Releases, int Completions, int Misses, Duration WorstResponse, bool Faulted = false)
{
    /// <summary>Every job ran and none missed its deadline.</summary>
    public bool AllMet => Completions == Spec.Jobs && Misses == 0;
}
