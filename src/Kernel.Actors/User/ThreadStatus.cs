using System.Collections.Immutable;
using MachActors.Actors.Timing;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.User;

/// <summary>
/// thread_info BASIC's words read back (<see cref="InfoWords"/>): what a program learns of a thread
/// through its port. CPU time has the words' resolution (microseconds).
/// </summary>
/// <param name="State">Run state.</param>
/// <param name="CpuTime">CPU time used (user time; system time is 0).</param>
/// <param name="BasePriority">Base priority.</param>
/// <param name="SchedPriority">Current (scheduled) priority.</param>
/// <param name="SuspendCount">Its own suspend count.</param>
public sealed record ThreadStatus(ThreadRunState State, Duration CpuTime, int BasePriority, int SchedPriority, int SuspendCount)
{
    /// <summary>The status in thread_info BASIC's <paramref name="words"/>; null when there are fewer than <see cref="InfoWords.ThreadBasicCount"/>.</summary>
    public static ThreadStatus? From(ImmutableArray<int> words) => words.Length < InfoWords.ThreadBasicCount ? null : new(
        (ThreadRunState)words[InfoWords.ThreadBasicRunState],
        Duration.FromMicroseconds(((long)words[0] * 1_000_000) + words[1]),
        words[5], words[6], words[InfoWords.ThreadBasicSuspendCount]);
}
