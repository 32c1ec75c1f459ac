using MachActors.Kernel.Kern;

namespace MachActors.Tests.Properties.Kernel;

/// <summary>
/// The checkers of the scheduler properties, as pure functions of a run's log: each returns the
/// violations it finds, in words (empty: the run satisfies the property). Shared by the machine-level
/// properties, the direct scheduler properties and the tests that feed them hand-made bad logs.
/// </summary>
public static class KernelChecks
{
    /// <summary>
    /// (a) The dispatch rule for one decision (null when it holds). Lower number = better priority.
    /// <list type="bullet">
    /// <item>From the CPU's local queue: the chosen thread is the best of that local queue (nothing
    /// left in it is better). A better thread may wait in the global queue: local work goes first.</item>
    /// <item>From the global queue (also a thread handed straight to an idle CPU): the CPU's local queue
    /// is empty and nothing left in the global queue is better.</item>
    /// <item>A handoff (thread_switch) is exempt from priorities; <see cref="Handoffs"/> checks that it was asked for.</item>
    /// </list>
    /// Equal priorities are allowed either way (FIFO order among equals is <see cref="RoundRobinCheck"/>'s concern).
    /// </summary>
    public static string? DispatchRule(DispatchRecord d)
    {
        if (d.Handoff) return null;
        if (d.FromLocalQueue)
        {
            return d.BestLocalQueued is { } local && local < d.SchedPriority
                ? $"cpu{d.Cpu} took t{d.ThreadId} (pri {d.SchedPriority}) from its local queue while a better thread (pri {local}) stayed in it"
                : null;
        }
        if (d.BestLocalQueued is { } waiting)
        {
            return $"cpu{d.Cpu} took t{d.ThreadId} from the global queue while its local queue held a thread (pri {waiting})";
        }
        return d.BestGlobalQueued is { } global && global < d.SchedPriority
            ? $"cpu{d.Cpu} took t{d.ThreadId} (pri {d.SchedPriority}) from the global queue while a better thread (pri {global}) stayed in it"
            : null;
    }

    /// <summary>(a) Every dispatch of the log obeys <see cref="DispatchRule"/>, and every handoff was asked for.</summary>
    public static IEnumerable<string> PriorityOrder(IReadOnlyList<KernelEvent> log) =>
        log.OfType<KernelEvent.Dispatched>().Select(e => DispatchRule(e.Record) is { } v ? $"#{e.Seq}: {v}" : null).OfType<string>()
            .Concat(Handoffs(log));

    /// <summary>
    /// (a) A dispatch reported as a handoff follows a thread_switch naming that thread that no earlier
    /// handoff used up (a handoff is never a way around the priority rule).
    /// </summary>
    public static IEnumerable<string> Handoffs(IReadOnlyList<KernelEvent> log)
    {
        var asked = new Dictionary<long, int>();
        foreach (var e in log)
        {
            switch (e)
            {
                case KernelEvent.SwitchRequested s:
                    asked[s.Target] = asked.GetValueOrDefault(s.Target) + 1;
                    break;
                case KernelEvent.Dispatched { Record.Handoff: true } d when asked.GetValueOrDefault(d.Record.ThreadId) == 0:
                    yield return $"#{d.Seq}: t{d.Record.ThreadId} got cpu{d.Record.Cpu} by a handoff nobody asked for";
                    break;
                case KernelEvent.Dispatched { Record.Handoff: true } d:
                    asked[d.Record.ThreadId]--;
                    break;
            }
        }
    }

    /// <summary>
    /// (b) A thread is dispatched only when runnable with both suspend counts 0 (as the scheduler
    /// reports it), and never between the controller seeing it suspended and off its CPU and the
    /// controller resuming it.
    /// </summary>
    public static IEnumerable<string> SuspendedNeverRun(IReadOnlyList<KernelEvent> log)
    {
        var suspended = new Dictionary<long, long>();
        foreach (var e in log)
        {
            switch (e)
            {
                case KernelEvent.Suspended s:
                    suspended[s.Thread] = s.Seq;
                    break;
                case KernelEvent.ResumeIssued r:
                    suspended.Remove(r.Thread);
                    break;
                case KernelEvent.Dispatched { Record: var d } when d.SuspendCount > 0 || d.TaskSuspended || d.Waiting:
                    yield return $"#{e.Seq}: t{d.ThreadId} dispatched with suspend count {d.SuspendCount}, task suspended {d.TaskSuspended}, waiting {d.Waiting}";
                    break;
                case KernelEvent.Dispatched { Record: var d } when suspended.TryGetValue(d.ThreadId, out var since):
                    yield return $"#{e.Seq}: t{d.ThreadId} dispatched on cpu{d.Cpu} while suspended (seen stopped at #{since}, not yet resumed)";
                    break;
            }
        }
    }

    /// <summary>
    /// (e) A join returns only after the joined thread's program reached its end, and the joined thread
    /// is never dispatched again after the join returned.
    /// </summary>
    public static IEnumerable<string> JoinAfterExit(IReadOnlyList<KernelEvent> log)
    {
        var exited = new HashSet<long>();
        var joined = new Dictionary<long, long>();
        foreach (var e in log)
        {
            switch (e)
            {
                case KernelEvent.Exiting x:
                    exited.Add(x.Thread);
                    break;
                case KernelEvent.Joined j when !exited.Contains(j.Target):
                    yield return $"#{j.Seq}: t{j.Joiner}'s join of t{j.Target} returned before t{j.Target} finished";
                    joined[j.Target] = j.Seq;
                    break;
                case KernelEvent.Joined j:
                    joined[j.Target] = j.Seq;
                    break;
                case KernelEvent.Dispatched { Record: var d } when joined.TryGetValue(d.ThreadId, out var at):
                    yield return $"#{e.Seq}: t{d.ThreadId} dispatched after its join returned at #{at}";
                    break;
            }
        }
    }

    /// <summary>(e) A mutex is never held by two threads: per mutex, acquire and release alternate, and the holder releases.</summary>
    public static IEnumerable<string> MutualExclusion(IReadOnlyList<KernelEvent> log)
    {
        var holder = new Dictionary<int, (long Thread, long Seq)>();
        foreach (var e in log)
        {
            switch (e)
            {
                case KernelEvent.Acquired a when holder.TryGetValue(a.Mutex, out var h):
                    yield return $"#{a.Seq}: t{a.Thread} acquired mutex {a.Mutex}, held by t{h.Thread} since #{h.Seq}";
                    holder[a.Mutex] = (a.Thread, a.Seq);
                    break;
                case KernelEvent.Acquired a:
                    holder[a.Mutex] = (a.Thread, a.Seq);
                    break;
                case KernelEvent.Released r when !holder.TryGetValue(r.Mutex, out var h) || h.Thread != r.Thread:
                    yield return $"#{r.Seq}: t{r.Thread} released mutex {r.Mutex}, which it did not hold";
                    holder.Remove(r.Mutex);
                    break;
                case KernelEvent.Released r:
                    holder.Remove(r.Mutex);
                    break;
            }
        }
    }

    /// <summary>What the programs reported themselves.</summary>
    public static IEnumerable<string> Reported(IReadOnlyList<KernelEvent> log) =>
        log.OfType<KernelEvent.Violation>().Select(v => $"#{v.Seq}: {v.Text}");

    /// <summary>Throws with the first violations (and how many there were) when there are any.</summary>
    public static void AssertNone(IEnumerable<string> violations, object context)
    {
        var all = violations.ToList();
        if (all.Count == 0) return;
        throw new Xunit.Sdk.XunitException(
            $"{all.Count} violation(s) in {context}:" + Environment.NewLine + string.Join(Environment.NewLine, all.Take(8)));
    }
}
