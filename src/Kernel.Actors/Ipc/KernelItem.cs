using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.Ipc;

/// <summary>One item of a message in transit: plain data as the program wrote it, or rights (never names).</summary>
public abstract record KernelItem
{
    /// <summary>An item that carries no right (numbers, bytes, strings, bare port names), passed through as written.</summary>
    /// <param name="Item">The item (a kernel copy: items are immutable).</param>
    public sealed record Data(MsgItem Item) : KernelItem;

    /// <summary>Port rights: one (<paramref name="IsArray"/> false) or an array, all of the kind <paramref name="Arrives"/>.</summary>
    /// <param name="Carried">The rights (NULL and DEAD allowed).</param>
    /// <param name="Arrives">PortSend, PortSendOnce or PortReceive.</param>
    /// <param name="IsArray">Copied in from a <see cref="MsgItem.PortArray"/>.</param>
    /// <param name="OutOfLine">The array was out of line.</param>
    public sealed record Rights(ImmutableArray<CarriedRight> Carried, MsgType Arrives, bool IsArray, bool OutOfLine) : KernelItem
    {
        /// <summary>Structural equality on the rights.</summary>
        public bool Equals(Rights? other) =>
            other is not null && Arrives == other.Arrives && IsArray == other.IsArray && OutOfLine == other.OutOfLine
            && Carried.AsSpan().SequenceEqual(other.Carried.AsSpan());

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(Carried.Length, Arrives, IsArray);
    }

    /// <summary>
    /// Out-of-line memory in transit: a virtual copy taken from the sender's map (after the shootdown of
    /// its write-protections) holding one object reference per piece, with the actors of those objects
    /// so that whoever destroys the message can release them (<see cref="Notifications.ReleaseCarried"/>).
    /// </summary>
    /// <param name="Copy">The copy; its references travel with it.</param>
    /// <param name="Objects">The actor of every object the copy names, by id (complete once the message leaves the sender).</param>
    public sealed record Memory(VmCopy Copy, IReadOnlyDictionary<long, IActorRef> Objects) : KernelItem
    {
        /// <summary>The object ids of the copy's pieces (one per piece reference).</summary>
        public IEnumerable<long> ObjectIds => Copy.Pieces.Where(p => p.Object is not null).Select(p => p.Object!.Id);
    }
}
