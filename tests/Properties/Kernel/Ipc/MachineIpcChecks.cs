using MachActors.Kernel.Ipc;
using E = MachActors.Tests.Properties.Kernel.Ipc.IpcRunEvent;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>
/// The checkers of the machine-level IPC properties, as pure functions of a run's log (each returns the
/// violations it finds in words; empty: the property holds). What each can see is only what programs see:
/// send results, received messages with their seqnos, mach_port_get_receive_status readings and
/// thread_info run states, in the log's total order.
/// </summary>
public static class MachineIpcChecks
{
    private static (int Thread, int Counter, int Port) Key(E.SendStart s) => (s.Thread, s.Counter, s.Port);

    private static (int Thread, int Counter, int Port) Key(E.Received r) => (r.Thread, r.Counter, r.Port);

    /// <summary>What the programs reported directly (unexpected codes, unreadable messages).</summary>
    public static IEnumerable<string> Reported(IReadOnlyList<E> log) => log.OfType<E.Violation>().Select(v => v.ToString());

    /// <summary>
    /// (6, delivery) Every send returned what its kind allows (a blocking or send-once send: Success; a
    /// send with a timeout: Success or SendTimedOut); a successful send was received exactly once, on its
    /// port; a failed one never; nothing was received that was not sent; a message came through a
    /// send-once right exactly when it was sent through one.
    /// </summary>
    public static IEnumerable<string> Delivery(IReadOnlyList<E> log)
    {
        var starts = log.OfType<E.SendStart>().ToDictionary(Key);
        var received = log.OfType<E.Received>().GroupBy(Key).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var done in log.OfType<E.SendDone>())
        {
            var key = (done.Thread, done.Counter, done.Port);
            var kind = starts[key].Kind;
            var timed = kind is SendKind.Poll or SendKind.Timed;
            if (done.Result != MachMsgReturn.Success && !(timed && done.Result == MachMsgReturn.SendTimedOut))
            {
                yield return $"{done}: a {kind} send may not return that";
            }
            var times = received.GetValueOrDefault(key)?.Count ?? 0;
            var expected = done.Result == MachMsgReturn.Success ? 1 : 0;
            if (times != expected) yield return $"{done}, but the server received it {times} time(s)";
        }
        foreach (var r in log.OfType<E.Received>())
        {
            if (!starts.TryGetValue(Key(r), out var s)) yield return $"{r}: never sent";
            else if (r.SendOnce != (s.Kind == SendKind.SendOnce)) yield return $"{r}: sent as {s.Kind}, but it {(r.SendOnce ? "came" : "did not come")} through a send-once right";
        }
    }

    /// <summary>
    /// (6) Per port, the server's receives are stamped 0, 1, 2, ... (the receive right never moves), and
    /// one thread's messages to a port are received in the order it sent them (its counters rise). The
    /// server is the only receiver, so the log's order of its receives is the dequeue order.
    /// </summary>
    public static IEnumerable<string> SeqnosAndSendOrder(IReadOnlyList<E> log) =>
        IpcChecks.SendOrderAndSeqnos(log.OfType<E.Received>().Select(r => new IpcEvent.Dequeued(r.Port, r.Seqno, r.Thread, r.Counter)));

    /// <summary>
    /// (7) At each status reading (the server not receiving), the port's queue held exactly the messages
    /// the server later dequeued with seqnos Seqno .. Seqno + MsgCount - 1 (the queue is FIFO and the
    /// server its only receiver). A normal send is queued only while the queue holds fewer than qlimit
    /// messages, so every message up to the last normal one in that queue was there when it came in: the
    /// last normal message sits at a position &lt;= qlimit (send-once messages may go past it). Also: the
    /// qlimit is the one set, and no sender is blocked while the queue has room.
    /// </summary>
    public static IEnumerable<string> QueueLimit(IReadOnlyList<E> log, int qlimit)
    {
        var bySeqno = log.OfType<E.Received>().GroupBy(r => (r.Port, r.Seqno)).ToDictionary(g => g.Key, g => g.First());
        foreach (var s in log.OfType<E.Status>())
        {
            if (s.QLimit != qlimit) yield return $"{s}: the qlimit set was {qlimit}";
            if (s.BlockedSenders > 0 && s.MsgCount < s.QLimit) yield return $"{s}: a sender is blocked while the queue has room";
            var lastNormal = 0;
            for (var i = 0; i < s.MsgCount; i++)
            {
                if (!bySeqno.TryGetValue((s.Port, s.Seqno + i), out var r))
                {
                    yield return $"{s}: but seqno {s.Seqno + i} of that port was never received";
                    break;
                }
                if (!r.SendOnce) lastNormal = i + 1;
            }
            if (lastNormal > qlimit) yield return $"{s}: a normal send was queued at position {lastNormal}, past qlimit {qlimit}";
        }
    }

    /// <summary>
    /// (8) Blocked senders resume in FIFO order, as far as programs can see it. The server logs that it
    /// asks a client's thread_info (Asking), asks, and logs a WAITING answer; the processor set read the
    /// state at some instant between the two entries. A client whose last entry before the question is a
    /// send it started, and which logs nothing until the answer, was inside that send's trap when the
    /// state was read (its previous wait, if any, had ended before it logged the previous result, and
    /// computing is not waiting), so WAITING means the port had parked that send: it was a blocked
    /// sender before the answer was logged. Every normal send to the same port that another thread
    /// starts after the answer reaches the port after that, so under FIFO admission (and with no blocked
    /// sender while the queue has room) it is queued behind the blocked one: when both are received, its
    /// seqno is larger. Also: a thread is never seen blocked in a send that must not block (a zero
    /// timeout or a send-once right). Observations that do not meet the conditions are not used.
    /// </summary>
    public static IEnumerable<string> BlockedSendersFifo(IReadOnlyList<E> log)
    {
        var seqnos = log.OfType<E.Received>().GroupBy(Key).ToDictionary(g => g.Key, g => g.First().Seqno);
        var last = new Dictionary<int, E>();
        var observed = new List<(E.Waiting Seen, E.SendStart Send)>();
        var used = new HashSet<E.SendStart>();
        foreach (var e in log)
        {
            switch (e)
            {
                case E.SendStart or E.SendDone or E.Ready:
                    last[e is E.SendStart s ? s.Thread : e is E.SendDone d ? d.Thread : ((E.Ready)e).Thread] = e;
                    break;
                case E.Waiting w when last.GetValueOrDefault(w.Thread) is E.SendStart blocked && blocked.Seq < w.AskedAt:
                    if (blocked.Kind is SendKind.Poll or SendKind.SendOnce) yield return $"{w} in a send that must not block ({blocked})";
                    else if (used.Add(blocked)) observed.Add((w, blocked));
                    break;
            }
        }
        var normal = log.OfType<E.SendStart>().Where(s => s.Kind != SendKind.SendOnce).ToList();
        foreach (var (seen, first) in observed)
        {
            if (!seqnos.TryGetValue(Key(first), out var firstSeqno)) continue;
            foreach (var later in normal)
            {
                if (later.Seq < seen.Seq || later.Port != first.Port || later.Thread == first.Thread) continue;
                if (seqnos.TryGetValue(Key(later), out var laterSeqno) && laterSeqno < firstSeqno)
                {
                    yield return $"{later} after {seen} blocked in {first}, but was queued first (seqno {laterSeqno} < {firstSeqno})";
                }
            }
        }
    }
}
