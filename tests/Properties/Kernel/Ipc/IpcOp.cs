using MachActors.Kernel.Ipc;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>How an operation picks a name in its task's space; resolved against the reference model when the operation runs.</summary>
public enum PickKind
{
    /// <summary>A name the task holds (an index not 3 mod 4 prefers one that fits the operation).</summary>
    Held,

    /// <summary>A made-up name (adversarial: never granted).</summary>
    Forged,

    /// <summary>A name another task holds (adversarial: valid there, not necessarily here).</summary>
    Foreign,

    /// <summary>A name the task held once and gave up (adversarial: consumed send-once rights, moved rights).</summary>
    Consumed,

    /// <summary>MACH_PORT_NULL.</summary>
    Null,

    /// <summary>MACH_PORT_DEAD.</summary>
    Dead,
}

/// <summary>A name choice: a kind and an index into the candidates (read modulo their count).</summary>
/// <param name="Kind">Where the name comes from.</param>
/// <param name="Index">Which one.</param>
public readonly record struct NamePick(PickKind Kind, int Index)
{
    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        PickKind.Null => "NULL",
        PickKind.Dead => "DEAD",
        _ => $"{Kind.ToString()[0]}{Index}",
    };
}

/// <summary>
/// One operation of a generated IPC script, by task <c>Task</c> (read modulo the task count). An
/// operation that cannot run (both of the task's threads blocked) does nothing, so every subsequence
/// of a script is a script.
/// </summary>
public abstract record IpcOp(int Task)
{
    /// <summary>mach_port_allocate: a receive right, a port set or a dead name.</summary>
    public sealed record Allocate(int Task, PortRight Right) : IpcOp(Task)
    {
        /// <inheritdoc />
        public override string ToString() => $"T{Task}.alloc({Right})";
    }

    /// <summary>mach_port_deallocate.</summary>
    public sealed record Deallocate(int Task, NamePick Name) : IpcOp(Task)
    {
        /// <inheritdoc />
        public override string ToString() => $"T{Task}.dealloc({Name})";
    }

    /// <summary>mach_port_destroy.</summary>
    public sealed record Destroy(int Task, NamePick Name) : IpcOp(Task)
    {
        /// <inheritdoc />
        public override string ToString() => $"T{Task}.destroy({Name})";
    }

    /// <summary>mach_port_mod_refs (deltas include huge and negative ones).</summary>
    public sealed record ModRefs(int Task, NamePick Name, PortRight Right, int Delta) : IpcOp(Task)
    {
        /// <inheritdoc />
        public override string ToString() => $"T{Task}.modrefs({Name},{Right},{Delta})";
    }

    /// <summary>mach_port_insert_right into task <paramref name="Target"/>: under the right's own name value (<paramref name="SameName"/>) or a made-up one.</summary>
    public sealed record Insert(int Task, int Target, NamePick Right, MsgType Disposition, bool SameName, int NameSeed) : IpcOp(Task)
    {
        /// <inheritdoc />
        public override string ToString() => $"T{Task}.insert(T{Target},{Right},{Disposition},{(SameName ? "same" : "n" + NameSeed)})";
    }

    /// <summary>mach_port_extract_right from task <paramref name="From"/> (the name picked in that task's space).</summary>
    public sealed record Extract(int Task, int From, NamePick Name, MsgType Desired) : IpcOp(Task)
    {
        /// <inheritdoc />
        public override string ToString() => $"T{Task}.extract(T{From},{Name},{Desired})";
    }

    /// <summary>mach_port_set_qlimit (values include out-of-range ones).</summary>
    public sealed record SetQLimit(int Task, NamePick Name, int QLimit) : IpcOp(Task)
    {
        /// <inheritdoc />
        public override string ToString() => $"T{Task}.qlimit({Name},{QLimit})";
    }

    /// <summary>mach_port_move_member (set NULL: leave).</summary>
    public sealed record MoveMember(int Task, NamePick Member, NamePick Set) : IpcOp(Task)
    {
        /// <inheritdoc />
        public override string ToString() => $"T{Task}.move({Member},{Set})";
    }

    /// <summary>mach_port_request_notification (dead-name or no-senders; the notify right made or moved).</summary>
    public sealed record Request(int Task, NamePick Name, int Variant, int Sync, NamePick Notify, MsgType NotifyDisposition) : IpcOp(Task)
    {
        /// <inheritdoc />
        public override string ToString() => $"T{Task}.request({Name},v{Variant},s{Sync},{Notify},{NotifyDisposition})";
    }

    /// <summary>
    /// mach_msg send by thread <paramref name="Thread"/>: destination, reply and one body right (BodyDisposition None: none),
    /// with a zero send timeout or (<paramref name="Block"/>) blocking on a full queue, with a nonzero timeout when <paramref name="Timed"/>.
    /// </summary>
    public sealed record Send(int Task, int Thread, NamePick Dest, MsgType DestDisposition, NamePick Reply, MsgType ReplyDisposition,
        NamePick Body, MsgType BodyDisposition, bool Block, bool Timed = false) : IpcOp(Task)
    {
        /// <inheritdoc />
        public override string ToString() =>
            $"T{Task}.{Thread}.send({Dest}:{DestDisposition},{Reply}:{ReplyDisposition},{Body}:{BodyDisposition}{(Block ? Timed ? ",timed" : ",block" : "")})";
    }

    /// <summary>mach_msg receive by thread <paramref name="Thread"/>: a poll (timeout 0) or (<paramref name="Block"/>) a wait, with a nonzero timeout when <paramref name="Timed"/>.</summary>
    public sealed record Receive(int Task, int Thread, NamePick Name, bool Block, bool Timed = false) : IpcOp(Task)
    {
        /// <inheritdoc />
        public override string ToString() => $"T{Task}.{Thread}.recv({Name}{(Block ? Timed ? ",timed" : ",block" : "")})";
    }

    /// <summary>
    /// thread_abort of thread <paramref name="Thread"/> (<paramref name="Abort"/>), or the timer of its
    /// last timed wait firing (even a stale one: the kernel must ignore it). A thread that is not blocked
    /// is left alone by an abort (thread_abort reaches only a wait in progress). <paramref name="Early"/>:
    /// issued together with the previous operation, before that one's messages are delivered, so that
    /// the two race (a dequeue admitting the sender being aborted, a set claiming a message for the
    /// receiver whose timer fires).
    /// </summary>
    public sealed record Interrupt(int Task, int Thread, bool Abort, bool Early) : IpcOp(Task)
    {
        /// <inheritdoc />
        public override string ToString() => $"T{Task}.{Thread}.{(Abort ? "abort" : "expire")}{(Early ? "(early)" : "")}";
    }
}
