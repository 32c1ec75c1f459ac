using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Actors.Timing;

namespace MachActors.Kernel.Vm;

/// <summary>
/// One VM object's actor (docs/VM.md rule 1): it hosts <see cref="VmObjectState"/> and carries out its
/// effects in order (Send, Resume, pager timers). Anonymous memory is zero-filled here: a fault the
/// state answers Unavailable without a shadow stages a zeroed frame from <see cref="VmResident"/>,
/// installs it (<see cref="VmObjectState.InstallPage"/>) and asks again. Frames are given back
/// (<see cref="FrameFree"/>) when the last map reference goes (<see cref="ObjectRelease"/>).
/// </summary>
public sealed class VmObject : Actor
{
    private readonly IActorRef _memory;
    private readonly long _id;
    private readonly Duration _pagerTimeout;
    private readonly StagedFrames _frames = new();
    private readonly VmObjectState _state;
    private readonly Dictionary<long, (ObjectFault Fault, IActorRef ReplyTo)> _zeroFills = [];
    private readonly ImmutableArray<byte> _zeros;
    private long _nextRequest;
    private int _references = 1;

    /// <summary>Object <paramref name="id"/> of <paramref name="pageSize"/>-byte pages, taking frames from <paramref name="memory"/>; one reference (its creator's).</summary>
    public VmObject(long id, int pageSize, IActorRef memory, Duration pagerTimeout)
    {
        _id = id;
        _memory = memory;
        _pagerTimeout = pagerTimeout;
        _state = new VmObjectState(pageSize, _frames, id);
        _zeros = [.. new byte[pageSize]];
    }

    /// <summary>
    /// ObjectFault: the state's answer goes back to the sender now (Resident, MemoryError) or later by a
    /// Resume; Unavailable at the top without a shadow is zero-filled first. FrameAllocated: the
    /// staged frame is installed and the fault asked again (no frame: MemoryError ResourceShortage).
    /// ObjectRelease: at the last reference, every frame is freed and the actor stops. Pager timer: the
    /// state's PagerTimedOut.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ObjectFault f:
                Fault(f, Sender);
                break;
            case FrameAllocated a when _zeroFills.Remove(a.RequestId, out var pending):
                ZeroFilled(a.Frame, pending.Fault, pending.ReplyTo);
                break;
            case FrameAllocated a when a.Frame is { } orphan:
                _memory.Tell(new FrameFree([orphan]), Self);
                break;
            case ObjectRelease when --_references == 0:
                _frames.FreeAll();
                FlushFreed();
                Context.Stop(Self);
                break;
            case PagerTimer t:
                _state.PagerTimedOut(t.Offset, t.Seqno);
                CarryOut();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Fault(ObjectFault f, IActorRef replyTo)
    {
        var answer = _state.RequestPage(f.Offset, f.Access, new VmFaultWaiter(replyTo, f.FaultId));
        CarryOut();
        switch (answer.Outcome)
        {
            case VmFaultOutcome.Wait:
                return; // a Resume follows
            case VmFaultOutcome.Unavailable when answer.Shadow is null:
                var request = ++_nextRequest;
                _zeroFills[request] = (f, replyTo);
                _memory.Tell(new FrameAllocate(request, new PageOwner(_id, f.Offset)), Self);
                return;
            default:
                replyTo.Tell(new ObjectFaultAnswer(f.FaultId, answer), Self);
                return;
        }
    }

    private void ZeroFilled(VmFrame? frame, ObjectFault fault, IActorRef replyTo)
    {
        if (frame is not { } staged)
        {
            replyTo.Tell(new ObjectFaultAnswer(fault.FaultId, new VmFaultAnswer(VmFaultOutcome.MemoryError, fault.Offset, Error: KernReturn.ResourceShortage)), Self);
            return;
        }
        _frames.Stage(staged);
        _state.InstallPage(fault.Offset, _zeros, dirty: false); // MemoryPresent: another fault filled it first
        _frames.ReleaseStaged(); // left over when the install found the page present
        FlushFreed();
        Fault(fault, replyTo);
    }

    private void CarryOut()
    {
        foreach (var effect in _state.TakeEffects())
        {
            switch (effect)
            {
                case VmObjectEffect.Send s:
                    s.To.Tell(s.Message, Self);
                    break;
                case VmObjectEffect.Resume r:
                    r.Waiter.ReplyTo.Tell(new ObjectFaultAnswer(r.Waiter.FaultId, r.Answer), Self);
                    break;
                case VmObjectEffect.StartPagerTimer t:
                    Context.Timers.StartSingleTimer(TimerKey(t.RequestSeqno), new PagerTimer(t.Offset, t.RequestSeqno), _pagerTimeout);
                    break;
                case VmObjectEffect.CancelPagerTimer t:
                    Context.Timers.Cancel(TimerKey(t.RequestSeqno));
                    break;
                case VmObjectEffect.RestrictMappings:
                    break; // only a pager's lock_request narrows mappings; no pager binds these objects yet
            }
        }
        FlushFreed();
    }

    private void FlushFreed()
    {
        var freed = _frames.TakeFreed();
        if (freed.Count > 0) _memory.Tell(new FrameFree(freed), Self);
    }

    private static string TimerKey(long seqno) => "pager-" + seqno;

    private sealed record PagerTimer(long Offset, long Seqno);
}
