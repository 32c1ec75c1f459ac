using System.Collections.Immutable;

namespace MachActors.Kernel.Ipc;

// A message as a program builds and receives it (names, not references). The kernel copies it in
// at send (names -> rights in transit) and out at receive (rights -> names in the receiver's space).

/// <summary>
/// A message header. On send <see cref="Remote"/> is the destination and <see cref="Local"/> the
/// optional reply right; on receive the header is reversed: <see cref="Local"/> names the port it was
/// received from (with <see cref="LocalDisposition"/> PortSend or PortSendOnce, the right the sender
/// used) and <see cref="Remote"/> the reply right that arrived, if any.
/// </summary>
/// <param name="Remote">msgh_remote_port.</param>
/// <param name="RemoteDisposition">Send: MoveSend, CopySend, MakeSend, MoveSendOnce or MakeSendOnce. Received: what arrived.</param>
/// <param name="Local">msgh_local_port (NULL: none).</param>
/// <param name="LocalDisposition">Send: any send-type disposition, or None with NULL.</param>
/// <param name="Id">msgh_id: not interpreted by the kernel; by convention the MIG routine number.</param>
public sealed record MsgHeader(PortName Remote, MsgType RemoteDisposition, PortName Local, MsgType LocalDisposition, int Id)
{
    /// <summary>A one-way message to <paramref name="remote"/> with <paramref name="disposition"/> and no reply port.</summary>
    public static MsgHeader To(PortName remote, MsgType disposition, int id) => new(remote, disposition, PortName.Null, MsgType.None, id);
}

/// <summary>One typed item of a message body (a descriptor and its data).</summary>
public abstract record MsgItem
{
    /// <summary>Bytes this item takes in the message (descriptor plus data, padded to 4); out-of-line data counts only its address.</summary>
    public abstract int Size { get; }

    /// <summary>True when the item carries a port right or out-of-line memory (the message is then COMPLEX).</summary>
    public virtual bool IsComplex => false;

    /// <summary>MACH_MSG_TYPE_INTEGER_32.</summary>
    /// <param name="Value">The value.</param>
    public sealed record Int32(int Value) : MsgItem
    {
        /// <inheritdoc />
        public override int Size => 8;
    }

    /// <summary>MACH_MSG_TYPE_INTEGER_64.</summary>
    /// <param name="Value">The value.</param>
    public sealed record Int64(long Value) : MsgItem
    {
        /// <inheritdoc />
        public override int Size => 12;
    }

    /// <summary>
    /// Bytes, inline or out of line, carried by value: the message holds a copy taken at send (the
    /// sender may change its buffer afterwards). The deallocate bit is recorded, not acted on: the
    /// bytes are not in the sender's address space (memory that is: <see cref="Memory"/>).
    /// </summary>
    /// <param name="Data">The bytes (the kernel copies them at send).</param>
    /// <param name="OutOfLine">Out of line (long-form descriptor, only an address inline).</param>
    /// <param name="Deallocate">Out of line: remove the region from the sender.</param>
    public sealed record Bytes(ImmutableArray<byte> Data, bool OutOfLine = false, bool Deallocate = false) : MsgItem
    {
        /// <inheritdoc />
        public override int Size => OutOfLine ? 12 + 4 : 4 + Pad(Data.Length);

        /// <inheritdoc />
        public override bool IsComplex => OutOfLine;

        /// <summary>Structural equality on the bytes.</summary>
        public bool Equals(Bytes? other) =>
            other is not null && OutOfLine == other.OutOfLine && Deallocate == other.Deallocate && Data.AsSpan().SequenceEqual(other.Data.AsSpan());

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(Data.Length, OutOfLine, Deallocate);
    }

    /// <summary>
    /// Out-of-line memory of the sender's address space (a long-form descriptor whose data is an
    /// address): on send the kernel takes a virtual (copy-on-write) copy of the pages of
    /// [Address, Address + Length), and with <paramref name="Deallocate"/> removes those pages from the
    /// sender once the message is copied in. On receive <paramref name="Address"/> is where the copy
    /// lies in the receiver (same offset within its page as sent; 0 for an empty region or when it
    /// could not be placed), and <paramref name="Deallocate"/> is false.
    /// </summary>
    /// <param name="Address">The region's first byte (need not be page-aligned).</param>
    /// <param name="Length">Its byte count (at most <see cref="IpcLimits.OutOfLineMax"/>).</param>
    /// <param name="Deallocate">Send: the region leaves the sender (mach_msg's deallocate bit).</param>
    public sealed record Memory(ulong Address, ulong Length, bool Deallocate = false) : MsgItem
    {
        /// <inheritdoc />
        public override int Size => 12 + 4;

        /// <inheritdoc />
        public override bool IsComplex => true;
    }

    /// <summary>MACH_MSG_TYPE_STRING (a C string, inline, NUL-terminated).</summary>
    /// <param name="Value">The text.</param>
    public sealed record CString(string Value) : MsgItem
    {
        /// <inheritdoc />
        public override int Size => 4 + Pad(System.Text.Encoding.UTF8.GetByteCount(Value) + 1);
    }

    /// <summary>One port right (or a bare name with <see cref="MsgType.PortNameOnly"/>); NULL and DEAD are always legal.</summary>
    /// <param name="Name">Send: the sender's name. Received: the name in the receiver's space.</param>
    /// <param name="Disposition">Send: the disposition. Received: what arrived.</param>
    public sealed record Port(PortName Name, MsgType Disposition) : MsgItem
    {
        /// <inheritdoc />
        public override int Size => 8;

        /// <inheritdoc />
        public override bool IsComplex => Disposition != MsgType.PortNameOnly;
    }

    /// <summary>An array of port rights of one disposition, inline or out of line.</summary>
    /// <param name="Names">The names (NULL and DEAD allowed).</param>
    /// <param name="Disposition">Send: the disposition of every element. Received: what arrived.</param>
    /// <param name="OutOfLine">Out of line.</param>
    public sealed record PortArray(ImmutableArray<PortName> Names, MsgType Disposition, bool OutOfLine = false) : MsgItem
    {
        /// <inheritdoc />
        public override int Size => OutOfLine ? 12 + 4 : 12 + 4 * Names.Length;

        /// <inheritdoc />
        public override bool IsComplex => Disposition != MsgType.PortNameOnly || OutOfLine;

        /// <summary>Structural equality on the names.</summary>
        public bool Equals(PortArray? other) =>
            other is not null && Disposition == other.Disposition && OutOfLine == other.OutOfLine && Names.AsSpan().SequenceEqual(other.Names.AsSpan());

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(Names.Length, Disposition, OutOfLine);
    }

    /// <summary>Rounds up to a multiple of 4.</summary>
    protected static int Pad(int bytes) => (bytes + 3) & ~3;
}

/// <summary>A message: header and typed body. Received messages also carry the port's sequence number.</summary>
/// <param name="Header">The header.</param>
/// <param name="Body">The items, in order.</param>
public sealed record MachMessage(MsgHeader Header, ImmutableArray<MsgItem> Body)
{
    /// <summary>A message with no body.</summary>
    public MachMessage(MsgHeader header) : this(header, []) { }

    /// <summary>msgh_seqno: set by the kernel on receive (the port's sequence number at dequeue); 0 on send.</summary>
    public long Seqno { get; init; }

    /// <summary>msgh_size: header plus every item's size.</summary>
    public int Size
    {
        get
        {
            var size = IpcLimits.HeaderSize;
            foreach (var item in Body) size += item.Size;
            return size;
        }
    }

    /// <summary>MACH_MSGH_BITS_COMPLEX: the body carries rights or out-of-line memory.</summary>
    public bool IsComplex
    {
        get
        {
            foreach (var item in Body)
            {
                if (item.IsComplex) return true;
            }
            return false;
        }
    }

    /// <summary>Structural equality (header, seqno and items).</summary>
    public bool Equals(MachMessage? other) =>
        other is not null && Header == other.Header && Seqno == other.Seqno && Body.AsSpan().SequenceEqual(other.Body.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Header, Seqno, Body.Length);
}

/// <summary>What a mach_msg trap returns: the code and, after a receive (or a pseudo-receive), the message.</summary>
/// <param name="Return">The code.</param>
/// <param name="Message">The received message, or the returned one after a failed send; null otherwise.</param>
public sealed record MachMsgResult(MachMsgReturn Return, MachMessage? Message = null)
{
    /// <summary>RcvTooLarge: the size of the message that did not fit (msgh_size); 0 otherwise.</summary>
    public int RequiredSize { get; init; }
}
