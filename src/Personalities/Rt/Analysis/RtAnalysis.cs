using MachActors.Actors.Timing;

namespace MachActors.Personalities.Rt.Analysis;

/// <summary>
/// Schedulability of a periodic task set on one CPU under preemptive fixed priorities (docs/RT.md,
/// "Analysis"): utilisation, the Liu-Layland bound for rate-monotonic priorities, response-time
/// analysis, rate-monotonic priority assignment, and an exact simulation that counts the misses of a
/// set the analysis rejects. Costs are the specs' <see cref="RtTaskSpec.Cost"/>; overheads (traps, IPC,
/// the server) are not modelled. Several CPUs: .Partitioned (each task bound to one CPU, as the
/// executive binds them).
/// </summary>
public static partial class RtAnalysis
{
    /// <summary>Σ cost/period.</summary>
    public static double Utilisation(IEnumerable<RtTaskSpec> set) => set.Sum(t => t.Utilisation);

    /// <summary>Liu and Layland's bound n(2^(1/n) - 1): a set of n tasks with deadlines equal to periods and rate-monotonic priorities whose utilisation is at most this meets every deadline.</summary>
    public static double LiuLaylandBound(int n) => n <= 0 ? 1.0 : n * (Math.Pow(2.0, 1.0 / n) - 1.0);

    /// <summary>
    /// Rate-monotonic priorities: the shorter the period, the better the priority, from
    /// <see cref="RtPriorities.Highest"/> down (ties in the given order). Needs at most
    /// <see cref="RtPriorities.Levels"/> tasks.
    /// </summary>
    /// <exception cref="ArgumentException">More tasks than priority levels.</exception>
    public static IReadOnlyList<RtTaskSpec> RateMonotonic(IReadOnlyList<RtTaskSpec> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Count > RtPriorities.Levels) throw new ArgumentException($"at most {RtPriorities.Levels} tasks get distinct priorities", nameof(set));
        var order = set.Select((t, i) => (t, i)).OrderBy(x => x.t.Period.Nanoseconds).ThenBy(x => x.i).Select(x => x.i).ToList();
        var result = set.ToArray();
        for (var rank = 0; rank < order.Count; rank++) result[order[rank]] = set[order[rank]] with { Priority = RtPriorities.Highest + rank };
        return result;
    }

    /// <summary>
    /// Response-time analysis (Joseph and Pandya): each task's worst response R = C + Σ ⌈R/Tj⌉·Cj over the
    /// tasks of better or equal priority (equal counts as interference: conservative), iterated to a fixed
    /// point; null for a task whose iteration passes its deadline (it may miss).
    /// </summary>
    public static IReadOnlyList<Duration?> ResponseTimes(IReadOnlyList<RtTaskSpec> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return ResponseTimes(set, new int[set.Count]);
    }

    /// <summary>
    /// Response-time analysis per CPU: as <see cref="ResponseTimes(IReadOnlyList{RtTaskSpec})"/>, with
    /// interference only from the better-or-equal tasks bound to the same CPU (<paramref name="cpuOf"/>,
    /// by task index): partitioned fixed-priority scheduling is one uniprocessor per CPU.
    /// </summary>
    public static IReadOnlyList<Duration?> ResponseTimes(IReadOnlyList<RtTaskSpec> set, IReadOnlyList<int> cpuOf)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(cpuOf);
        if (cpuOf.Count != set.Count) throw new ArgumentException("one CPU per task", nameof(cpuOf));
        var result = new Duration?[set.Count];
        for (var i = 0; i < set.Count; i++)
        {
            var me = set[i];
            var others = set.Where((t, j) => j != i && cpuOf[j] == cpuOf[i] && t.Priority <= me.Priority).ToList();
            var r = me.Cost.Nanoseconds;
            while (true)
            {
                var next = me.Cost.Nanoseconds + others.Sum(o => Ceil(r, o.Period.Nanoseconds) * o.Cost.Nanoseconds);
                if (next > me.Deadline.Nanoseconds) break;
                if (next == r)
                {
                    result[i] = Duration.FromNanoseconds(r);
                    break;
                }
                r = next;
            }
        }
        return result;
    }

    /// <summary>Every task's response time is within its deadline (<see cref="ResponseTimes(IReadOnlyList{RtTaskSpec})"/>).</summary>
    public static bool Schedulable(IReadOnlyList<RtTaskSpec> set) => ResponseTimes(set).All(r => r is not null);

    /// <summary>
    /// The exact schedule on one CPU, all tasks released together at 0: preemptive fixed priorities
    /// (equal priorities first come, first served), each task's jobs in order (a late job delays the next,
    /// whose release stays nominal). Per task, how many of its jobs finish after their deadline.
    /// </summary>
    public static IReadOnlyList<int> SimulateMisses(IReadOnlyList<RtTaskSpec> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var n = set.Count;
        var job = new int[n];
        var left = set.Select(t => t.Cost.Nanoseconds).ToArray();
        var misses = new int[n];
        var queuedAt = new long[n];
        long now = 0;
        while (true)
        {
            int? run = null;
            for (var i = 0; i < n; i++)
            {
                if (job[i] >= set[i].Jobs || Release(set[i], job[i]) > now) continue;
                if (run is not { } r || set[i].Priority < set[r].Priority || (set[i].Priority == set[r].Priority && queuedAt[i] < queuedAt[r])) run = i;
            }
            var nextRelease = Enumerable.Range(0, n).Where(i => job[i] < set[i].Jobs && Release(set[i], job[i]) > now)
                .Select(i => (long?)Release(set[i], job[i])).Min();
            if (run is not { } k)
            {
                if (nextRelease is not { } at) return misses;
                now = at;
                continue;
            }
            var slice = nextRelease is { } until ? Math.Min(left[k], until - now) : left[k];
            now += slice;
            left[k] -= slice;
            if (left[k] > 0) continue;
            if (now - Release(set[k], job[k]) > set[k].Deadline.Nanoseconds) misses[k]++;
            job[k]++;
            left[k] = set[k].Cost.Nanoseconds;
            queuedAt[k] = Math.Max(now, Release(set[k], job[k]));
        }
    }

    private static long Release(RtTaskSpec t, int job) => t.Period.Nanoseconds * job;

    private static long Ceil(long a, long b) => (a + b - 1) / b;
}
