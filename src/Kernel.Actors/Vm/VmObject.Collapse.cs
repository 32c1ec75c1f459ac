using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>
/// Collapse of shadow chains (GNU vm_object_collapse; pager-protocol.md section 6). A backing object
/// whose only reference is its only shadow, with no pager binding, offers itself (<see cref="CollapseOffer"/>);
/// the shadow, once idle and without a pager binding itself, accepts; the backing object sends its
/// pages; the shadow copies those it lacks (its own pages win), takes over the backing object's own
/// backing link and its reference, and releases it; the backing object removes every mapping of its
/// frames (tasks read them through the shadow) before freeing them and stopping. Faults on the shadow
/// wait meanwhile. Objects with a pager binding (paged out once) are not collapsed: their paged-out
/// pages would have to be paged in first. A shadow holding every page of the backing object copies
/// nothing: that is the bypass.
/// </summary>
public sealed partial class VmObject
{
    private readonly List<IActorRef> _shadows = [];
    private readonly Dictionary<long, long> _collapseCopies = [];
    private readonly HashSet<long> _absorbed = [];
    private bool _offered, _givingPages, _offerPending, _collapsedAway;
    private Collapsing? _collapsing;

    /// <summary>Starts: tells the backing object (if any) that this object shadows it.</summary>
    private void AttachToBacking() => _backing?.Object.Tell(ShadowAttached.Instance, Self);

    /// <summary>True while this object takes a backing object's pages: every message but the collapse's own is held.</summary>
    private bool HeldWhileCollapsing(object message) =>
        _collapsing is not null && message is not (CollapsePages or CollapseDeclined) && !(message is FrameAllocated a && _collapseCopies.ContainsKey(a.RequestId));

    /// <summary>
    /// ShadowAttached: one more shadow. CollapseOffer (from the backing object): accepted once idle.
    /// CollapseAccept (from the only shadow): the pages, or declined. CollapsePages: the lacking ones
    /// are copied. CollapseDeclined: back to normal. CollapseDone: switched -> the backing link passed
    /// on (not released at the end), every mapping removed at the end; abandoned -> never offered again.
    /// (FrameAllocated of a collapse copy reaches <see cref="CollapseCopied"/> from OnReceive.) PageEvict while the pages are being taken: declined. False for other messages.
    /// </summary>
    private bool OnCollapseMessage(object message)
    {
        switch (message)
        {
            case ShadowAttached:
                _shadows.Add(Sender);
                return true;
            case CollapseOffer when _backing is { } link && Sender.Equals(link.Object):
                _offerPending = true;
                return true;
            case CollapseOffer:
                return true;
            case CollapseAccept when _shadows.Count == 1 && Sender.Equals(_shadows[0]) && CollapsibleBacking():
                _givingPages = true; // no eviction until it is done
                Sender.Tell(new CollapsePages([_id, .. _absorbed], [.. ResidentFrames()], _backing, [.. _mappers]), Self);
                return true;
            case CollapseAccept:
                _offered = false;
                Sender.Tell(CollapseDeclined.Instance, Self);
                return true;
            case CollapseDone d:
                _givingPages = false; // abandoned: never offered again (_offered stays set)
                if (d.Switched)
                {
                    _collapsedAway = true;
                    _backing = null; // its reference now belongs to the shadow
                }
                return true;
            case CollapsePages p when _collapsing is { } c:
                TakePages(c, p);
                return true;
            case CollapseDeclined when _collapsing is not null:
                EndCollapse(switched: false, null);
                return true;
            case PageEvict e when _givingPages:
                _memory.Tell(new PageEvictDeclined(e.Token), Self);
                return true;
            default:
                return false;
        }
    }

    /// <summary>After every message: a backing object offers itself when it can; a shadow accepts a pending offer when idle.</summary>
    private void TryCollapse()
    {
        if (!_offered && CollapsibleBacking())
        {
            _offered = true;
            _shadows[0].Tell(CollapseOffer.Instance, Self);
        }
        if (_offerPending && _collapsing is null && Idle() && _backing is { } link)
        {
            _offerPending = false;
            _collapsing = new Collapsing(link);
            link.Object.Tell(CollapseAccept.Instance, Self);
        }
    }

    private bool CollapsibleBacking() =>
        _external is null && !_isCopy && _references == 1 && _shadows.Count == 1 && !_collapsedAway && Idle();

    /// <summary>No pager binding, nothing in flight, no busy page: the object's pages and links may change hands.</summary>
    private bool Idle() =>
        _state.Binding == VmPagerBinding.None && _quiesce is null && _staging is null && _collapsing is null
        && _chained.Count == 0 && _copies.Count == 0 && _zeroFills.Count == 0 && _waiting.Count == 0 && _unmaps.Count == 0
        && _flushing.Count == 0 && _pushing.Count == 0 && _overwriting is null && _copySpawns.Count == 0 && _evicting.Count == 0
        && _held.Count == 0 && _state.Pages.All(p => !p.Busy);

    private IEnumerable<(long Offset, VmFrame Frame)> ResidentFrames() =>
        _state.Pages.Where(p => p is { Absent: false, Frame: not null }).Select(p => (p.Offset, p.Frame!.Value));

    /// <summary>The pages this object lacks are copied from the backing object's frames (its own win).</summary>
    private void TakePages(Collapsing c, CollapsePages p)
    {
        c.NewBacking = p.Backing is { } below ? below with { Offset = below.Offset + c.Link.Offset } : null;
        c.Taken = p;
        foreach (var (offset, frame) in p.Pages)
        {
            var mine = offset - c.Link.Offset;
            if (mine < 0 || _state.Page(mine) is not null) continue;
            var request = ++_nextRequest;
            _collapseCopies[request] = mine;
            c.Left++;
            _memory.Tell(new FrameAllocate(request, new PageOwner(_id, mine), CopyOf: new FrameSource(frame, new PageOwner(p.Owners[0], offset))), Self);
        }
        if (c.Left == 0) EndCollapse(switched: true, c.NewBacking);
    }

    private void CollapseCopied(Collapsing c, long offset, FrameAllocated a)
    {
        if (a.Frame is { } frame && !a.Contents.IsDefault)
        {
            _frames.Stage(frame, a.Contents);
            _state.InstallPage(offset, a.Contents, dirty: true);
            _frames.ReleaseStaged();
        }
        else
        {
            c.Failed = true; // no frame, or the source page went: abandon (the pages copied so far are right anyway)
        }
        FlushFreed();
        if (--c.Left == 0) EndCollapse(!c.Failed, c.NewBacking);
    }

    /// <summary>Switched: the backing link is the old backing object's own, and the old backing object is released. Then the held messages run.</summary>
    private void EndCollapse(bool switched, VmShadowLink? newBacking)
    {
        var c = _collapsing!;
        _collapsing = null;
        c.Link.Object.Tell(new CollapseDone(switched), Self);
        if (switched && c.Taken is { } taken)
        {
            // Tasks may still map the old object's frames until it removes them at its end: a flush of
            // one of them (a shadow above copied it up) is answered here, from its mappers.
            _absorbed.UnionWith(taken.Owners);
            foreach (var mapper in taken.Mappers.Where(m => !_mappers.Contains(m))) _mappers.Add(mapper);
            _backing = newBacking;
            _state.Shadow = newBacking;
            c.Link.Object.Tell(ObjectRelease.Instance, Self);
        }
        ReplayHeld();
    }

    private sealed class Collapsing(VmShadowLink link)
    {
        public VmShadowLink Link { get; } = link;

        public VmShadowLink? NewBacking { get; set; }

        public CollapsePages? Taken { get; set; }

        public int Left { get; set; }

        public bool Failed { get; set; }
    }
}
