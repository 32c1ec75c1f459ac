using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Kernel.Vm;

/// <summary>
/// The conversions of a task pager's bridge (docs/VM.md, "Task pagers"), as plain functions: a
/// kernel -> pager <see cref="PagerMessage"/> becomes a <c>memory_object</c> MIG message (built by the
/// generated <c>MemoryObjectClient</c>; the pager port is <see cref="PagerName"/> and the control port
/// <see cref="ControlName"/>), and a <c>memory_object_control</c> message a task sent on a control port
/// becomes the <see cref="PagerControlMessage"/> the VM object understands (through the generated
/// <c>MemoryObjectControlServer</c>). Bad input from the task never throws: it decodes to null.
/// </summary>
public static class TaskPagerCodec
{
    /// <summary>The name of the pager's port in an encoded message (the header's remote port).</summary>
    public static readonly PortName PagerName = new(1);

    /// <summary>The name of the control port in an encoded message (a send right made from it).</summary>
    public static readonly PortName ControlName = new(2);

    /// <summary>
    /// The memory_object message for <paramref name="message"/> (init carries <paramref name="key"/>), or
    /// null for a message a task pager is never sent (the default pager's create and data_initialize,
    /// get_attributes' reply).
    /// </summary>
    public static MachMessage? Encode(PagerMessage message, long key)
    {
        ArgumentNullException.ThrowIfNull(message);
        var transport = new KeepingTransport();
        var stub = new MemoryObjectClient(transport);
        var pager = PagerName;
        var control = ControlName;
        ValueTask<MachMsgReturn>? sent = message switch
        {
            MemoryObjectInit i => stub.MemoryObjectInitAsync(pager, control, key, i.Name, i.PageSize),
            DataRequest r => stub.MemoryObjectDataRequestAsync(pager, control, r.Offset, r.Length, r.DesiredAccess),
            DataUnlock u => stub.MemoryObjectDataUnlockAsync(pager, control, u.Offset, u.Length, u.DesiredAccess),
            DataReturn d => stub.MemoryObjectDataReturnAsync(pager, control, d.Offset, d.Data, d.Dirty, d.KernelCopy),
            LockCompleted l => stub.MemoryObjectLockCompletedAsync(pager, control, l.Offset, l.Length),
            SupplyCompleted s => stub.MemoryObjectSupplyCompletedAsync(pager, control, s.Offset, s.Length, s.Result, s.ErrorOffset),
            ChangeCompleted c => stub.MemoryObjectChangeCompletedAsync(pager, c.MayCache, c.CopyStrategy),
            Terminate t => stub.MemoryObjectTerminateAsync(pager, control, t.Name),
            _ => null,
        };
        return sent is { } s2 ? transport.Kept(s2) : null;
    }

    /// <summary>
    /// The <see cref="PagerControlMessage"/> for the control request <paramref name="request"/> (as a
    /// kernel object receives it) on the incarnation <paramref name="control"/>; a call that asked for
    /// a completion names <paramref name="replyTo"/> (the bridge, which passes it to the pager). Null for
    /// an unknown id, a malformed body, or a data_supply whose data is not a whole number of
    /// <paramref name="pageSize"/> pages. The reply_to forms (2097..2099) name their completion's
    /// destination through <paramref name="replyPort"/>, called with the reply port's name once the call
    /// is known to be good (null, or a null answer: no completion).
    /// </summary>
    public static PagerControlMessage? Decode(MachMessage request, ControlIncarnation control, int pageSize, IActorRef replyTo, Func<PortName, IActorRef?>? replyPort = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var decoder = new ControlDecoder(control, pageSize, replyTo, replyPort);
        var result = MemoryObjectControlServer.Demux(request, decoder);
        return result.Handled && result.RetCode == 0 ? decoder.Decoded : null;
    }

    /// <summary>Collects the one call a demux made (as the server of <see cref="IMemoryObjectControl"/>).</summary>
    private sealed class ControlDecoder(ControlIncarnation control, int pageSize, IActorRef bridge, Func<PortName, IActorRef?>? replyPort) : IMemoryObjectControl
    {
        public PagerControlMessage? Decoded { get; private set; }

        public KernReturn MemoryObjectDataSupplyTo(PortName memoryControl, long offset, ImmutableArray<byte> data, VmProt lockValue, bool precious, PortName replyTo) =>
            Pages(data) is { } pages ? Take(new DataSupply(control, offset, pages, lockValue, precious, replyPort?.Invoke(replyTo))) : KernReturn.InvalidArgument;

        public KernReturn MemoryObjectChangeAttributesTo(PortName memoryControl, bool mayCache, VmCopyStrategy copyStrategy, PortName replyTo) =>
            Take(new ChangeAttributes(control, mayCache, copyStrategy, replyPort?.Invoke(replyTo)));

        public KernReturn MemoryObjectLockRequestTo(PortName memoryControl, long offset, long size, LockReturnPolicy shouldReturn, bool shouldFlush, int lockValue, PortName replyTo) =>
            Take(new LockRequest(control, offset, size, shouldReturn, shouldFlush, LockOf(lockValue), replyPort?.Invoke(replyTo)));

        public KernReturn MemoryObjectDataError(PortName memoryControl, long offset, long size, KernReturn error) =>
            Take(new DataError(control, offset, size, error));

        public KernReturn MemoryObjectDataUnavailable(PortName memoryControl, long offset, long size) =>
            Take(new DataUnavailable(control, offset, size));

        public KernReturn MemoryObjectDataSupply(PortName memoryControl, long offset, ImmutableArray<byte> data, VmProt lockValue, bool precious, bool reply) =>
            Pages(data) is { } pages ? Take(new DataSupply(control, offset, pages, lockValue, precious, reply ? bridge : null)) : KernReturn.InvalidArgument;

        public KernReturn MemoryObjectReady(PortName memoryControl, bool mayCache, VmCopyStrategy copyStrategy) =>
            Take(new Ready(control, mayCache, copyStrategy));

        public KernReturn MemoryObjectChangeAttributes(PortName memoryControl, bool mayCache, VmCopyStrategy copyStrategy, bool reply) =>
            Take(new ChangeAttributes(control, mayCache, copyStrategy, reply ? bridge : null));

        public KernReturn MemoryObjectLockRequest(PortName memoryControl, long offset, long size, LockReturnPolicy shouldReturn, bool shouldFlush, int lockValue, bool reply) =>
            Take(new LockRequest(control, offset, size, shouldReturn, shouldFlush, LockOf(lockValue), reply ? bridge : null));

        public KernReturn MemoryObjectDestroy(PortName memoryControl, KernReturn reason) =>
            Take(new Destroy(control, reason));

        /// <summary>A negative lock value is VM_PROT_NO_CHANGE.</summary>
        private static VmProt? LockOf(int lockValue) => lockValue < 0 ? null : (VmProt)lockValue;

        /// <summary>The supply's pages, or null when the data is not a whole number of pages.</summary>
        private ImmutableArray<ImmutableArray<byte>>? Pages(ImmutableArray<byte> data)
        {
            if (pageSize <= 0 || data.IsDefaultOrEmpty || data.Length % pageSize != 0) return null;
            var pages = ImmutableArray.CreateBuilder<ImmutableArray<byte>>(data.Length / pageSize);
            for (var at = 0; at < data.Length; at += pageSize) pages.Add(data.Slice(at, pageSize));
            return pages.MoveToImmutable();
        }

        private KernReturn Take(PagerControlMessage decoded)
        {
            Decoded = decoded;
            return KernReturn.Success;
        }
    }
}
