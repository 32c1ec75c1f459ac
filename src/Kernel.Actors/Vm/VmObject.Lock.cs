using MachActors.Actors;

namespace MachActors.Kernel.Vm;

public sealed partial class VmObject
{
    private readonly Queue<(object Message, IActorRef Sender)> _held = new();
    private Quiescing? _quiesce;
    private long _nextQuiesce;

    /// <summary>
    /// A pager call that changes pages a CPU may be using (a lock_request that write-locks, returns or
    /// flushes resident pages; destroy; uncaching an unreferenced object) is prepared as GNU Mach's
    /// pmap_page_protect does, before any data is read: (1) faults, pager calls, evictions and references
    /// are held; (2) every mapper removes the mappings of those frames (one shootdown each); (3) after
    /// the last answer the resident memory hands over the frames' bytes and modify bits (the bits
    /// cleared); modified pages become dirty and the bytes are lent for the data_returns; (4) the call
    /// goes to the state, whose effects (data_return, lock_completed, frames freed after the shootdown,
    /// rule 5) go out in order; (5) the held messages are replayed in arrival order. Other calls go to
    /// the state at once.
    /// </summary>
    private void Control(PagerControlMessage m)
    {
        if (m is DataSupply late && (_state.SeededBugs & Hardware.SeededBugs.StaleSupplyApplied) != 0 && _state.Control is { } current && late.Control.Id < current.Id)
        {
            m = late with { Control = current }; // the seeded bug: tests only
        }
        if (m is DataSupply s && s.Control == _state.Control && Stageable(s))
        {
            StageSupply(s);
            return;
        }
        var pages = m.Control == _state.Control ? PagesTouchedBy(m) : [];
        if (pages.Count > 0)
        {
            Quiesce(pages, unmap: true, () => Apply(m));
            return;
        }
        Apply(m);
    }

    private void Apply(PagerControlMessage m)
    {
        _state.Receive(m);
        CarryOut();
    }

    /// <summary>The resident, not busy pages whose mappings or bytes <paramref name="m"/> needs first (empty: none).</summary>
    private List<VmPage> PagesTouchedBy(PagerControlMessage m)
    {
        if (_state.Life != VmObjectLife.Active) return [];
        return m switch
        {
            LockRequest l => ResidentPages(p => p.Offset >= l.Offset && l.Size > 0 && p.Offset - l.Offset < l.Size
                && (l.ShouldFlush || l.ShouldReturn != LockReturnPolicy.None || (l.LockValue is { } lv && (lv & ~p.PageLock) != 0))),
            Destroy => ResidentPages(_ => true),
            ChangeAttributes { MayCache: false } when _external is not null && _state.References == 0 => ResidentPages(_ => true),
            _ => [],
        };
    }

    private List<VmPage> ResidentPages(Func<VmPage, bool> which) =>
        [.. _state.Pages.Where(p => p is { Absent: false, Busy: false, Frame: not null } && which(p))];

    private static bool HeldWhileQuiescing(object message) =>
        message is ObjectFault or PagerControlMessage or PageEvict or ObjectReference or ObjectRelease;

    /// <summary>Steps (1)-(3) for <paramref name="pages"/>, then <paramref name="then"/> (step 4) and the replay; without <paramref name="unmap"/> no mapping exists (the last reference is gone) and the bytes are fetched at once.</summary>
    private void Quiesce(List<VmPage> pages, bool unmap, Action then)
    {
        var q = new Quiescing(--_nextQuiesce, [.. pages.Select(p => (p.Offset, p.Frame!.Value))], then);
        _quiesce = q;
        RemoveMappings(unmap ? q.Pages.Select(p => p.Frame) : [], () => Snapshot(q));
    }

    private void Snapshot(Quiescing q) => _memory.Tell(new FrameSnapshot(q.Token, [.. q.Pages.Select(p => p.Frame)]), Self);

    /// <summary>FrameSnapshotted: step (4). False for other messages. (The last FrameMappingsRemoved of step (2) asks for the bytes: <see cref="RemoveMappings"/>.)</summary>
    private bool OnLockMessage(object message)
    {
        switch (message)
        {
            case FrameSnapshotted s when _quiesce is { } q && s.Token == q.Token:
                Quiesced(q, s);
                return true;
            case FrameSnapshotted:
                return true; // not expected: no preparation with that token
            default:
                return false;
        }
    }

    private void Quiesced(Quiescing q, FrameSnapshotted s)
    {
        _quiesce = null;
        foreach (var ((offset, frame), contents) in q.Pages.Zip(s.Frames))
        {
            if (_state.Page(offset) is not { Absent: false } page || page.Frame != frame || contents.Frame != frame) continue;
            if (contents.Modified) _state.SetDirty(offset);
            _frames.Lend(frame, contents.Bytes);
        }
        q.Then();
        _frames.ClearLent();
        ReplayHeld();
    }

    /// <summary>Step (5): pager calls held behind a staged supply first, then everything held meanwhile, in order, until another preparation starts.</summary>
    private void ReplayHeld()
    {
        while (_quiesce is null && _staging is null && _heldControl.TryDequeue(out var control)) Control(control);
        TakeHeldDeath();
        while (_quiesce is null && _held.TryDequeue(out var held)) Dispatch(held.Message, held.Sender);
    }

    private sealed record Quiescing(long Token, IReadOnlyList<(long Offset, VmFrame Frame)> Pages, Action Then);
}
