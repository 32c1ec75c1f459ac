using MachActors.Kernel.Kern;

namespace MachActors.Tests.Properties.Kernel;

/// <summary>One event of a machine run, numbered by <see cref="Seq"/> in one total order for the whole run.</summary>
/// <param name="Seq">Position in the run's log (1, 2, ...).</param>
public abstract record KernelEvent(long Seq)
{
    /// <summary>A processor set gave a CPU a thread (seen by the scheduler observer).</summary>
    public sealed record Dispatched(long Seq, DispatchRecord Record) : KernelEvent(Seq)
    {
        /// <inheritdoc />
        public override string ToString() =>
            $"#{Seq} dispatch t{Record.ThreadId} pri {Record.SchedPriority} on cpu{Record.Cpu} at {Record.At}"
            + (Record.Handoff ? " (handoff)" : Record.FromLocalQueue ? " (local)" : "")
            + $" best-left local={Record.BestLocalQueued?.ToString() ?? "-"} global={Record.BestGlobalQueued?.ToString() ?? "-"}";
    }

    /// <summary>A program's mutex_lock returned: <paramref name="Thread"/> holds mutex <paramref name="Mutex"/>.</summary>
    public sealed record Acquired(long Seq, int Mutex, long Thread) : KernelEvent(Seq);

    /// <summary>A program is about to call mutex_unlock on a mutex it holds.</summary>
    public sealed record Released(long Seq, int Mutex, long Thread) : KernelEvent(Seq);

    /// <summary>A program is about to thread_switch to <paramref name="Target"/> (a handoff may follow).</summary>
    public sealed record SwitchRequested(long Seq, long Thread, long Target) : KernelEvent(Seq);

    /// <summary>The controller saw <paramref name="Thread"/> suspended and off its CPU: it must not run until <see cref="ResumeIssued"/>.</summary>
    public sealed record Suspended(long Seq, long Thread) : KernelEvent(Seq);

    /// <summary>The controller is about to resume <paramref name="Thread"/> (its thread or its task).</summary>
    public sealed record ResumeIssued(long Seq, long Thread) : KernelEvent(Seq);

    /// <summary>A thread's program reached its end (its last act before it exits).</summary>
    public sealed record Exiting(long Seq, long Thread) : KernelEvent(Seq);

    /// <summary><paramref name="Joiner"/>'s cthread_join of <paramref name="Target"/> returned.</summary>
    public sealed record Joined(long Seq, long Joiner, long Target) : KernelEvent(Seq);

    /// <summary>A program observed something wrong directly (a wrong join value, CPU time that grew while suspended).</summary>
    public sealed record Violation(long Seq, string Text) : KernelEvent(Seq);
}

/// <summary>
/// The log of one machine run: the scheduler's dispatch decisions (it is the run's
/// <see cref="ISchedulerObserver"/>) and the events the programs record, in one order. Thread-safe:
/// under the parallel dispatcher processor sets and programs call it from several pool threads. Each
/// event takes its number under the lock, so an event that causally follows another (through the
/// machine's messages) gets a larger number.
/// </summary>
public sealed class KernelLog : ISchedulerObserver
{
    private readonly object _gate = new();
    private readonly List<KernelEvent> _events = [];
    private long _seq;

    /// <summary>A copy of the events so far, in order.</summary>
    public IReadOnlyList<KernelEvent> Events
    {
        get
        {
            lock (_gate) return [.. _events];
        }
    }

    /// <inheritdoc />
    public void OnDispatch(DispatchRecord dispatch) => Add(seq => new KernelEvent.Dispatched(seq, dispatch));

    /// <summary>Appends the event <paramref name="make"/> builds from its number; returns the number.</summary>
    public long Add(Func<long, KernelEvent> make)
    {
        lock (_gate)
        {
            var e = make(++_seq);
            _events.Add(e);
            return e.Seq;
        }
    }

    /// <summary>Records something a program saw go wrong.</summary>
    public void Violation(string text) => Add(seq => new KernelEvent.Violation(seq, text));

    /// <summary>The dispatch decisions, in order.</summary>
    public IReadOnlyList<KernelEvent.Dispatched> Dispatches => [.. Events.OfType<KernelEvent.Dispatched>()];
}
