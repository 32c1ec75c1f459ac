using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Actors.Timing;

namespace MachActors.Kernel.Vm;

/// <summary>
/// One VM object's actor (docs/VM.md rule 1): it hosts <see cref="VmObjectState"/> and carries out its
/// effects in order (Send, Resume, pager timers). Anonymous memory is zero-filled here: a fault the
/// state answers Unavailable without a shadow (at once, or resumed after the pager's data_unavailable)
/// stages a zeroed frame from <see cref="VmResident"/>, installs it (<see cref="VmObjectState.InstallPage"/>)
/// and asks again. Pages are evicted and paged in as VmObject.Paging says. Frames are given back
/// (<see cref="FrameFree"/>) when the last reference goes (<see cref="ObjectRelease"/>; references come
/// from every map naming the object and every shadow object backed by it, <see cref="ObjectReference"/>).
/// A shadow object follows its chain as VmObject.Chain says. The tasks that mapped its pages are
/// remembered (the mappers), so an eviction removes the page from every pmap. An external object (the
/// VM object of a memory object port, <see cref="VmExternalPager"/>) binds to its pager, watches it, and
/// ends incarnations at its last reference (VmObject.External.cs); a pager's lock_request runs after the
/// mappings of its pages are gone and their bytes are known (VmObject.Lock.cs).
/// </summary>
public sealed partial class VmObject : Actor
{
    private readonly IActorRef _memory;
    private readonly IActorRef? _defaultPager;
    private readonly long _id;
    private readonly Duration _pagerTimeout;
    private readonly StagedFrames _frames = new();
    private readonly VmObjectState _state;
    private readonly Dictionary<long, (ObjectFault Fault, IActorRef ReplyTo)> _zeroFills = [];
    private readonly Dictionary<(IActorRef ReplyTo, long FaultId), ObjectFault> _waiting = [];
    private readonly ImmutableArray<byte> _zeros;
    private VmShadowLink? _backing;
    private readonly VmExternalPager? _external;
    private long _nextRequest;
    private int _references = 1;

    /// <summary>
    /// Object <paramref name="id"/> of <paramref name="pageSize"/>-byte pages, taking frames from
    /// <paramref name="memory"/>; one reference (its creator's). Its dirty pages are paged out to
    /// <paramref name="defaultPager"/> when one is given. With <paramref name="backing"/> it is a shadow
    /// object: it holds one reference on the backing object (taken by its creator), dropped when it ends.
    /// With <paramref name="external"/> it caches that pager's memory object (no default pager, no shadow).
    /// </summary>
    public VmObject(long id, int pageSize, IActorRef memory, Duration pagerTimeout, IActorRef? defaultPager = null, VmShadowLink? backing = null, VmExternalPager? external = null)
        : this(id, pageSize, memory, pagerTimeout, defaultPager, backing, external, default)
    {
    }

    /// <summary>As the public constructor, with test-only <paramref name="seededBugs"/> (docs/VM.md, "Properties").</summary>
    internal VmObject(long id, int pageSize, IActorRef memory, Duration pagerTimeout, IActorRef? defaultPager, VmShadowLink? backing, VmExternalPager? external, Hardware.SeededBugs seededBugs)
    {
        _id = id;
        _memory = memory;
        _pagerTimeout = pagerTimeout;
        _defaultPager = defaultPager;
        _state = new VmObjectState(pageSize, _frames, id) { Shadow = backing, MemoryObjectKey = external?.Key ?? 0, SeededBugs = seededBugs };
        _backing = backing;
        _external = external;
        _zeros = [.. new byte[pageSize]];
    }

    /// <summary>
    /// ObjectFault: the state's answer goes back to the sender now (Resident, MemoryError) or later by a
    /// Resume; Unavailable at the top without a shadow is zero-filled first. FrameAllocated: the
    /// staged frame is installed and the fault asked again (no frame: MemoryError ResourceShortage), or
    /// it belongs to a supply being staged. ObjectRelease: at the last reference the object ends (VmObject.Release.cs).
    /// ObjectReference: one more reference. Pager timer: the state's PagerTimedOut; ready timer: its
    /// ReadyTimedOut. PagerControlMessage, PageEvict, FrameMappingsRemoved, PageEvicted: VmObject.Paging.
    /// ObjectFaultAnswer (from the backing object), copied frames: VmObject.Chain. While a lock_request
    /// (or a termination) waits for unmapping and bytes, faults, pager calls, evictions and references
    /// are held and replayed in order afterwards (VmObject.Lock). External objects: VmObject.External.
    /// </summary>
    protected override void OnReceive(object message)
    {
        if (_stopping)
        {
            WhileStopping(message);
            return;
        }
        if ((_quiesce is not null && HeldWhileQuiescing(message)) || HeldWhileCollapsing(message))
        {
            _held.Enqueue((message, Sender));
            return;
        }
        Dispatch(message, Sender);
        TryCollapse();
    }

    private void Dispatch(object message, IActorRef sender)
    {
        if (message is ObjectRelease)
        {
            if (_copyObjects.Count > 0) CopyReleased(sender); // a copy object ends: then as any release
            _shadows.Remove(sender);
        }
        switch (message)
        {
            case ObjectFault f:
                Fault(f, sender);
                break;
            case FrameAllocated a when _zeroFills.Remove(a.RequestId, out var pending):
                ZeroFilled(a.Frame, pending.Fault, pending.ReplyTo);
                break;
            case FrameAllocated a when _supplyFrames.Remove(a.RequestId, out var contents):
                SupplyFrameStaged(a.Frame, contents);
                break;
            case FrameAllocated a when _copies.Remove(a.RequestId, out var copy):
                Copied(a, copy.Fault, copy.ReplyTo, copy.Source);
                break;
            case FrameAllocated a when _overwriting is { Step: OverwriteStep.Bytes } o && o.Request == a.RequestId:
                OverwriteBytes(o, a);
                break;
            case FrameAllocated a when _collapsing is { } c && _collapseCopies.Remove(a.RequestId, out var collapseOffset):
                CollapseCopied(c, collapseOffset, a);
                break;
            case FrameAllocated a when a.Frame is { } orphan:
                _memory.Tell(new FrameFree([orphan]), Self);
                break;
            case ObjectReference when _external is not null:
                ExternalReferenced();
                break;
            case ObjectReference:
                _references++;
                break;
            case ObjectRelease when _external is not null:
                ExternalReleased();
                break;
            case ObjectRelease when --_references == 0:
                Release();
                break;
            case ObjectRelease:
                break;
            case PagerTimer t:
                _state.PagerTimedOut(t.Offset, t.Seqno);
                CarryOut();
                break;
            case ReadyTimer t:
                _state.ReadyTimedOut(t.Generation);
                CarryOut();
                break;
            default:
                if (!OnLockMessage(message) && !OnCollapseMessage(message) && !OnUnmapMessage(message) && !OnExternalMessage(message) && !OnPagingMessage(message) && !OnCopyMessage(message) && !OnOverwriteMessage(message) && !OnChainMessage(message)) Unhandled(message);
                break;
        }
    }

    private void Fault(ObjectFault f, IActorRef replyTo)
    {
        if (HeldForFlush(f, replyTo) || HeldForPush(f, replyTo) || HeldForOverwrite(f, replyTo)) return;
        var answer = _state.RequestPage(f.Offset, f.Access, new VmFaultWaiter(replyTo, f.FaultId));
        CarryOut();
        switch (answer.Outcome)
        {
            case VmFaultOutcome.Wait:
                _waiting[(replyTo, f.FaultId)] = f; // a Resume follows
                return;
            default:
                Answer(f, replyTo, answer);
                return;
        }
    }

    private void StartZeroFill(ObjectFault f, IActorRef replyTo)
    {
        var request = ++_nextRequest;
        _zeroFills[request] = (f, replyTo);
        _memory.Tell(new FrameAllocate(request, new PageOwner(_id, f.Offset)), Self);
    }

    private void ZeroFilled(VmFrame? frame, ObjectFault fault, IActorRef replyTo)
    {
        if (frame is not { } staged)
        {
            replyTo.Tell(new ObjectFaultAnswer(fault.FaultId, new VmFaultAnswer(VmFaultOutcome.MemoryError, fault.Offset, Error: KernReturn.ResourceShortage)), Self);
            return;
        }
        _frames.Stage(staged);
        _state.InstallPage(fault.Offset, _zeros, dirty: _isCopy); // MemoryPresent: another fault filled it first; a copy object keeps its zeros (VmObject.Copy)
        _frames.ReleaseStaged(); // left over when the install found the page present
        FlushFreed();
        Ask(fault, replyTo);
    }

    private void CarryOut()
    {
        foreach (var effect in _state.TakeEffects())
        {
            switch (effect)
            {
                case VmObjectEffect.Send s:
                    s.To.Tell(s.Message, Self);
                    CountLaundry(s);
                    break;
                case VmObjectEffect.Resume { Answer.Outcome: VmFaultOutcome.Unavailable } r:
                    // data_unavailable from the pager: down the chain, or zero fill at the top (the access does not matter: no page lock)
                    _waiting.Remove((r.Waiter.ReplyTo, r.Waiter.FaultId), out var asked);
                    Answer(asked ?? new ObjectFault(r.Waiter.FaultId, r.Answer.Offset, VmProt.Read), r.Waiter.ReplyTo, r.Answer);
                    break;
                case VmObjectEffect.Resume { Answer.Outcome: VmFaultOutcome.Retry } r
                    when _waiting.Remove((r.Waiter.ReplyTo, r.Waiter.FaultId), out var original):
                    // The page it waited for changed (supplied, freed, unlocked): ask again here, so the
                    // task gets the final answer and the thread does not trap and fault a second time.
                    Ask(original, r.Waiter.ReplyTo);
                    break;
                case VmObjectEffect.Resume r:
                    _waiting.Remove((r.Waiter.ReplyTo, r.Waiter.FaultId), out var waited);
                    Answer(waited ?? new ObjectFault(r.Waiter.FaultId, r.Answer.Offset, VmProt.Read), r.Waiter.ReplyTo, r.Answer);
                    break;
                case VmObjectEffect.StartPagerTimer t:
                    Context.Timers.StartSingleTimer(TimerKey(t.RequestSeqno), new PagerTimer(t.Offset, t.RequestSeqno), _pagerTimeout);
                    break;
                case VmObjectEffect.CancelPagerTimer t:
                    Context.Timers.Cancel(TimerKey(t.RequestSeqno));
                    break;
                case VmObjectEffect.StartReadyTimer t:
                    Context.Timers.StartSingleTimer(ReadyTimerKey, new ReadyTimer(t.Generation), _pagerTimeout);
                    break;
                case VmObjectEffect.CancelReadyTimer:
                    Context.Timers.Cancel(ReadyTimerKey);
                    break;
                case VmObjectEffect.RestrictMappings:
                    break; // a lock_request's pages were unmapped before it reached the state (VmObject.Lock); refaults see the page lock
            }
        }
        FlushFreed();
    }

    private void FlushFreed()
    {
        var freed = _frames.TakeFreed();
        if (freed.Count > 0 || _laundered > 0) _memory.Tell(new FrameFree(freed, Laundered: _laundered), Self);
        _laundered = 0;
    }

    /// <summary>Asks the state for the page again (a waiting fault woke), or holds the fault while a lock_request is being prepared; after the last reference it is answered Retry.</summary>
    private void Ask(ObjectFault f, IActorRef replyTo)
    {
        if (_stopping) replyTo.Tell(Retry(f), Self); // the last reference went: the map no longer names the object
        else if (_quiesce is not null) _held.Enqueue((f, replyTo));
        else Fault(f, replyTo);
    }

    private const string ReadyTimerKey = "pager-ready";

    private static string TimerKey(long seqno) => "pager-" + seqno;

    private sealed record PagerTimer(long Offset, long Seqno);

    /// <summary>Whether <paramref name="message"/> is a VM object's pager timeout for the data_request at <paramref name="offset"/> (for monitors watching the trace).</summary>
    public static bool IsPagerTimer(object message, out long offset)
    {
        offset = message is PagerTimer t ? t.Offset : 0;
        return message is PagerTimer;
    }

    private sealed record ReadyTimer(long Generation);
}
