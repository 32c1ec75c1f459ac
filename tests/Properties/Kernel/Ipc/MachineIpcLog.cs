using MachActors.Kernel.Ipc;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>One event of an IPC machine run, numbered by <see cref="Seq"/> in one total order for the whole run.</summary>
/// <param name="Seq">Position in the run's log (1, 2, ...).</param>
public abstract record IpcRunEvent(long Seq)
{
    /// <summary>Client <paramref name="Thread"/> is about to send its message <paramref name="Counter"/> (its last ones: the message count) to <paramref name="Port"/>.</summary>
    public sealed record SendStart(long Seq, int Thread, int Counter, int Port, SendKind Kind) : IpcRunEvent(Seq)
    {
        /// <inheritdoc />
        public override string ToString() => $"#{Seq} t{Thread} sends #{Counter} to port {Port} ({Kind})";
    }

    /// <summary>Client <paramref name="Thread"/>'s send of message <paramref name="Counter"/> to <paramref name="Port"/> returned <paramref name="Result"/>.</summary>
    public sealed record SendDone(long Seq, int Thread, int Counter, int Port, MachMsgReturn Result) : IpcRunEvent(Seq)
    {
        /// <inheritdoc />
        public override string ToString() => $"#{Seq} t{Thread} #{Counter} to port {Port}: {Result}";
    }

    /// <summary>The server received, on <paramref name="Port"/>, client <paramref name="Thread"/>'s message <paramref name="Counter"/> stamped <paramref name="Seqno"/>; <paramref name="SendOnce"/>: it came through a send-once right.</summary>
    public sealed record Received(long Seq, int Port, long Seqno, int Thread, int Counter, SendKind Kind, bool SendOnce) : IpcRunEvent(Seq)
    {
        /// <inheritdoc />
        public override string ToString() => $"#{Seq} port {Port} seqno {Seqno}: t{Thread} #{Counter} ({Kind}{(SendOnce ? ", send-once" : "")})";
    }

    /// <summary>The server read <paramref name="Port"/>'s mach_port_get_receive_status (not receiving at the time).</summary>
    public sealed record Status(long Seq, int Port, long Seqno, int MsgCount, int QLimit, int BlockedSenders) : IpcRunEvent(Seq)
    {
        /// <inheritdoc />
        public override string ToString() => $"#{Seq} port {Port} status: seqno {Seqno}, {MsgCount} queued under qlimit {QLimit}, {BlockedSenders} blocked senders";
    }

    /// <summary>The server is about to ask thread_info of client <paramref name="Thread"/>.</summary>
    public sealed record Asking(long Seq, int Thread) : IpcRunEvent(Seq)
    {
        /// <inheritdoc />
        public override string ToString() => $"#{Seq} asking t{Thread}";
    }

    /// <summary>The server's thread_info of client <paramref name="Thread"/>, asked at <paramref name="AskedAt"/>, answered WAITING (blocked in a kernel call).</summary>
    public sealed record Waiting(long Seq, int Thread, long AskedAt) : IpcRunEvent(Seq)
    {
        /// <inheritdoc />
        public override string ToString() => $"#{Seq} t{Thread} seen waiting (asked at #{AskedAt})";
    }

    /// <summary>Client <paramref name="Thread"/> holds its rights and is about to send its first message.</summary>
    public sealed record Ready(long Seq, int Thread) : IpcRunEvent(Seq)
    {
        /// <inheritdoc />
        public override string ToString() => $"#{Seq} t{Thread} ready";
    }

    /// <summary>A program saw something wrong directly (an unexpected code, a message it cannot read).</summary>
    public sealed record Violation(long Seq, string Text) : IpcRunEvent(Seq)
    {
        /// <inheritdoc />
        public override string ToString() => $"#{Seq} {Text}";
    }
}

/// <summary>
/// The log of one IPC machine run. Thread-safe: under the parallel dispatcher programs call it from
/// several pool threads. Each event takes its number under the lock, so an event that causally follows
/// another (through the machine's messages) gets a larger number.
/// </summary>
public sealed class IpcRunLog
{
    private readonly object _gate = new();
    private readonly List<IpcRunEvent> _events = [];
    private long _seq;

    /// <summary>A copy of the events so far, in order.</summary>
    public IReadOnlyList<IpcRunEvent> Events
    {
        get
        {
            lock (_gate) return [.. _events];
        }
    }

    /// <summary>Appends the event <paramref name="make"/> builds from its number; returns the number.</summary>
    public long Add(Func<long, IpcRunEvent> make)
    {
        lock (_gate)
        {
            _events.Add(make(++_seq));
            return _seq;
        }
    }

    /// <summary>Records something a program saw go wrong.</summary>
    public void Violation(string text) => _ = Add(seq => new IpcRunEvent.Violation(seq, text));
}
