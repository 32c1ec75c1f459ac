namespace MachActors.Kernel.Vm;

public sealed partial class VmObject
{
    private bool _stopping;

    /// <summary>
    /// The last reference of an internal object is gone (or of an external one whose pager died). Pageouts in flight are undone first (the data
    /// of a dying temporary object goes nowhere), so paging_in_progress drops to zero and the
    /// termination completes at once: terminate, after every data_return already sent, reaches the
    /// default pager (I10), which frees the object's swap slots. Then every frame is freed (a frame whose
    /// eviction the resident memory is deciding is left to it), the backing object (if any) released,
    /// and faults still waiting are answered Retry (their threads trap again and find what their map
    /// holds now). Frames the resident memory may still hand over (a zero fill, a copy or a supply frame
    /// asked for and not yet answered, a page being paged out) would be lost if the actor stopped now, so
    /// it stops only once every one of them came back and was freed (<see cref="WhileStopping"/>); the
    /// last <see cref="FrameFree"/> names the object as gone.
    /// </summary>
    private void Release()
    {
        AbortOverwrites();
        if (_collapsedAway)
        {
            RemoveMappings([.. ResidentFrames().Select(p => p.Frame)], FinishRelease); // tasks read these frames through the shadow that took them
            return;
        }
        FinishRelease();
    }

    /// <summary>The release proper (see <see cref="Release"/>), once a collapsed-away object's frames are unmapped.</summary>
    private void FinishRelease()
    {
        _stopping = true;
        foreach (var (token, eviction) in _evicting.ToList())
        {
            _state.AbortPageOut(eviction.Offset);
            if (_unmapping.Remove(token)) _evicting.Remove(token); // its frame is still ours: freed below (the daemon forgets it then)
            else _frames.Forget(eviction.Frame); // PageUnmapped went out: the resident memory frees it (clean) or answers PageEvicted
        }
        if (_state.Binding == VmPagerBinding.Ready) _state.Terminate(); // internal: no data returns; the default pager frees the swap
        CarryOut();
        _frames.FreeAll();
        _backing?.Object.Tell(ObjectRelease.Instance, Self);
        foreach (var ((replyTo, faultId), fault) in _waiting) replyTo.Tell(Retry(fault), Self);
        _waiting.Clear();
        Settle([.. _frames.TakeFreed()]);
    }

    /// <summary>
    /// After the last reference: a frame answered for a request made before the release is freed at
    /// once (and its fault answered Retry), as is the frame of an eviction the resident memory answers
    /// paged out (a clean one it freed itself); every other message is dropped, as a stopped actor's
    /// would be. Precondition: <see cref="Release"/> ran.
    /// </summary>
    private void WhileStopping(object message)
    {
        var freed = new List<VmFrame>();
        if (message is FrameAllocated a)
        {
            if (a.Frame is { } frame) freed.Add(frame);
            if (_zeroFills.Remove(a.RequestId, out var zero)) zero.ReplyTo.Tell(Retry(zero.Fault), Self);
            else if (_copies.Remove(a.RequestId, out var copy)) copy.ReplyTo.Tell(Retry(copy.Fault), Self);
            else _supplyFrames.Remove(a.RequestId);
        }
        else if (message is PageEvicted v && _evicting.Remove(v.Token, out var eviction) && v.PagedOut)
        {
            freed.Add(eviction.Frame); // dirty: the resident memory kept it for a data_return that no longer goes out
        }
        Settle(freed);
    }

    /// <summary>Gives <paramref name="freed"/> back; with no frame request left unanswered, names the object gone and stops.</summary>
    private void Settle(List<VmFrame> freed)
    {
        var settled = _zeroFills.Count == 0 && _copies.Count == 0 && _supplyFrames.Count == 0 && _evicting.Count == 0;
        if (freed.Count > 0 || settled) _memory.Tell(new FrameFree(freed, settled ? _id : null), Self);
        if (settled) Context.Stop(Self);
    }

    private static ObjectFaultAnswer Retry(ObjectFault fault) => new(fault.FaultId, new VmFaultAnswer(VmFaultOutcome.Retry, fault.Offset));
}
