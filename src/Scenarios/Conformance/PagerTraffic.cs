using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;
using MachActors.Kernel.Vm;

namespace MachActors.Scenarios.Conformance;

/// <summary>One pager protocol message seen on its way: when, from which actor to which, and the message.</summary>
/// <param name="Time">Virtual time of the send.</param>
/// <param name="From">The sending actor's id (0 for host code).</param>
/// <param name="To">The receiving actor's id.</param>
/// <param name="Message">A kernel -> pager <see cref="PagerMessage"/> or a pager -> kernel <see cref="PagerControlMessage"/>.</param>
public sealed record PagerTrafficEvent(VirtualTime Time, int From, int To, object Message);

/// <summary>
/// A trace sink for a conformance run: records every pager protocol message sent (both directions, every
/// pager of the machine) and every actor failure, so a duty judges the pager under test by what it was
/// told and what it answered. Events may come from several threads (parallel dispatcher), hence the lock.
/// </summary>
public sealed class PagerTraffic : ITraceSink
{
    private readonly Lock _lock = new();
    private readonly List<PagerTrafficEvent> _events = [];
    private readonly Dictionary<int, string> _failures = [];

    /// <summary>Every protocol message sent so far, in the order the sink saw them.</summary>
    public IReadOnlyList<PagerTrafficEvent> Events
    {
        get
        {
            lock (_lock) return [.. _events];
        }
    }

    /// <summary>The first failure (exception type and message) of actor <paramref name="actor"/>, or null.</summary>
    public string? FailureOf(int actor)
    {
        lock (_lock) return _failures.GetValueOrDefault(actor);
    }

    /// <summary>Messages the kernel sent to the pager <paramref name="pager"/>, in order.</summary>
    public IReadOnlyList<(VirtualTime Time, PagerMessage Message)> ToPager(int pager) =>
        [.. Events.Where(e => e.To == pager && e.Message is PagerMessage).Select(e => (e.Time, (PagerMessage)e.Message))];

    /// <summary>Calls the pager <paramref name="pager"/> made on control ports, in order.</summary>
    public IReadOnlyList<(VirtualTime Time, PagerControlMessage Call)> FromPager(int pager) =>
        [.. Events.Where(e => e.From == pager && e.Message is PagerControlMessage).Select(e => (e.Time, (PagerControlMessage)e.Message))];

    /// <inheritdoc />
    public void OnEvent(in TraceEvent traceEvent)
    {
        if (traceEvent.Kind == TraceKind.Send && traceEvent.Message is PagerMessage or PagerControlMessage)
        {
            lock (_lock) _events.Add(new PagerTrafficEvent(traceEvent.Time, traceEvent.Actor, (int)traceEvent.Other, traceEvent.Message));
        }
        else if (traceEvent.Kind == TraceKind.Fault)
        {
            lock (_lock) _failures.TryAdd(traceEvent.Actor, traceEvent.Text ?? "an exception");
        }
    }
}
