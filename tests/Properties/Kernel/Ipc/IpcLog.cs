namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>What the IPC harness (or a machine run) saw, in order, for the log checkers of properties 6, 7 and 8.</summary>
public abstract record IpcEvent
{
    /// <summary>Port <paramref name="Port"/> dequeued a message (stamped <paramref name="Seqno"/>) that thread <paramref name="Thread"/> sent as its <paramref name="Counter"/>-th.</summary>
    public sealed record Dequeued(long Port, long Seqno, long Thread, long Counter) : IpcEvent;

    /// <summary>The receive right of <paramref name="Port"/> arrived in a space: seqnos start again at 0.</summary>
    public sealed record ReceiveArrived(long Port) : IpcEvent;

    /// <summary>A normal send was queued at <paramref name="Port"/>, which then held <paramref name="Count"/> messages under <paramref name="QLimit"/>.</summary>
    public sealed record NormalQueued(long Port, int Count, int QLimit) : IpcEvent;

    /// <summary>Thread <paramref name="Thread"/> blocked sending to the full <paramref name="Port"/>.</summary>
    public sealed record SenderBlocked(long Port, long Thread) : IpcEvent;

    /// <summary>The blocked sender <paramref name="Thread"/> of <paramref name="Port"/> was woken, its message queued.</summary>
    public sealed record SenderResumed(long Port, long Thread) : IpcEvent;

    /// <summary>The blocked sender <paramref name="Thread"/> of <paramref name="Port"/> left without its message queued (timeout, abort, death).</summary>
    public sealed record SenderGaveUp(long Port, long Thread) : IpcEvent;
}

/// <summary>The log checkers, as pure functions: each returns the violations it finds in words (empty: the property holds).</summary>
public static class IpcChecks
{
    /// <summary>
    /// (6) Per port, dequeues are stamped 0, 1, 2, ... from the last arrival of the receive right
    /// (or the port's creation), and the messages of one thread come out in the order it sent them.
    /// </summary>
    public static IEnumerable<string> SendOrderAndSeqnos(IEnumerable<IpcEvent> log)
    {
        var next = new Dictionary<long, long>();
        var last = new Dictionary<(long Port, long Thread), long>();
        foreach (var e in log)
        {
            switch (e)
            {
                case IpcEvent.ReceiveArrived a:
                    next[a.Port] = 0;
                    break;
                case IpcEvent.Dequeued d:
                    var expected = next.GetValueOrDefault(d.Port);
                    if (d.Seqno != expected) yield return $"port {d.Port} stamped seqno {d.Seqno}, expected {expected}";
                    next[d.Port] = d.Seqno + 1;
                    if (d.Thread < 0) break;
                    if (last.TryGetValue((d.Port, d.Thread), out var previous) && d.Counter <= previous)
                    {
                        yield return $"port {d.Port} dequeued thread {d.Thread}'s message #{d.Counter} after its #{previous}";
                    }
                    last[(d.Port, d.Thread)] = d.Counter;
                    break;
            }
        }
    }

    /// <summary>(7) Whenever a normal send was queued, the queue held no more than its limit.</summary>
    public static IEnumerable<string> QueueLimit(IEnumerable<IpcEvent> log) =>
        log.OfType<IpcEvent.NormalQueued>().Where(q => q.Count > q.QLimit)
            .Select(q => $"a normal send was queued at port {q.Port}, which then held {q.Count} messages under qlimit {q.QLimit}");

    /// <summary>(8) Per port, blocked senders are woken with their message queued in the order they blocked (one that gave up leaves the line).</summary>
    public static IEnumerable<string> BlockedSendersFifo(IEnumerable<IpcEvent> log)
    {
        var blocked = new Dictionary<long, List<long>>();
        foreach (var e in log)
        {
            switch (e)
            {
                case IpcEvent.SenderBlocked b:
                    if (!blocked.TryGetValue(b.Port, out var list)) blocked[b.Port] = list = [];
                    list.Add(b.Thread);
                    break;
                case IpcEvent.SenderResumed r:
                    var waiting = blocked.GetValueOrDefault(r.Port) ?? [];
                    if (waiting.Count == 0 || waiting[0] != r.Thread)
                    {
                        yield return $"port {r.Port} woke blocked sender {r.Thread} while {(waiting.Count == 0 ? "none was blocked" : $"{waiting[0]} had waited longer")}";
                    }
                    waiting.Remove(r.Thread);
                    break;
                case IpcEvent.SenderGaveUp g:
                    blocked.GetValueOrDefault(g.Port)?.Remove(g.Thread);
                    break;
            }
        }
    }
}
