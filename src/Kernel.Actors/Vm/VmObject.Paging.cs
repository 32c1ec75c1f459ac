using System.Collections.Immutable;
using MachActors.Actors;

namespace MachActors.Kernel.Vm;

public sealed partial class VmObject
{
    /// <summary>Pages one data_supply may stage at once; a larger supply goes to the state unstaged (its pages find no frame).</summary>
    private const int MaxStagedSupplyPages = 64;

    private readonly Dictionary<long, ImmutableArray<byte>> _supplyFrames = [];
    private readonly Queue<PagerControlMessage> _heldControl = new();
    private readonly Dictionary<long, PageEvict> _evicting = [];
    private readonly Dictionary<long, int> _unmapping = [];
    private DataSupply? _staging;
    private long _nextIncarnation;
    private int _laundered;

    /// <summary>
    /// PagerControlMessage (from the pager, in arrival order): a well-formed data_supply of the current
    /// incarnation first stages one frame per page filled with its data at the resident memory, and the
    /// messages behind it wait; then the state takes it (I4) and the unused frames go back. Others go to
    /// the state at once (a stale or foreign one is ignored there, rule 3). PageEvict (the daemon): a
    /// resident, not busy page still in that frame starts its pageout (busy: faults wait, I8) and every
    /// task that mapped a page of the object is asked to remove the frame's mappings; anything else is
    /// declined. FrameMappingsRemoved: once every one of them answered, the resident memory is told
    /// (with the object's dirty and precious bits). PageEvicted: a clean page is dropped (its
    /// frame is already free); a dirty one (of an internal object) gets the default pager
    /// (memory_object_create) if it has none; a dirty or precious one goes out with data_return to the
    /// object's pager (dirty = false for an unmodified precious page), and only then is its frame freed.
    /// An external object whose pager died keeps the page (declined). False for other messages.
    /// </summary>
    private bool OnPagingMessage(object message)
    {
        switch (message)
        {
            case PagerControlMessage m when _staging is not null || _heldControl.Count > 0:
                _heldControl.Enqueue(m);
                return true;
            case PagerControlMessage m:
                Control(m);
                return true;
            case PageEvict e:
                Evict(e);
                return true;
            case FrameMappingsRemoved r when _evicting.TryGetValue(r.Token, out var e) && _unmapping.TryGetValue(r.Token, out var left):
                if (left > 1) _unmapping[r.Token] = left - 1;
                else Unmapped(r.Token, e);
                return true;
            case FrameMappingsRemoved:
                return true; // not expected: the eviction is no longer ours
            case PageEvicted v when _evicting.Remove(v.Token, out var e):
                Evicted(e, v);
                return true;
            case PageEvicted:
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A page handed to the default pager (data_return, data_initialize) is laundry until the default
    /// pager credits it: counted here as it is sent, reported with the FrameFree that ends the same
    /// CarryOut (after the frame the pageout freed), so the resident memory counts it before any credit
    /// for it can arrive. What was sent is counted, not what was planned: a pageout undone or declined
    /// sends nothing and counts nothing.
    /// </summary>
    private void CountLaundry(VmObjectEffect.Send s)
    {
        if (s.Message is DataReturn or DataInitialize && _defaultPager is { } pager && s.To.Equals(pager)) _laundered++;
    }

    private void StageSupply(DataSupply s)
    {
        _staging = s;
        for (var i = 0; i < s.Pages.Length; i++)
        {
            var request = ++_nextRequest;
            _supplyFrames[request] = s.Pages[i];
            _memory.Tell(new FrameAllocate(request, new PageOwner(_id, s.Offset + ((long)i * _state.PageSize)), s.Pages[i]), Self);
        }
    }

    private bool Stageable(DataSupply s) =>
        s.Offset >= 0 && s.Offset % _state.PageSize == 0 && !s.Pages.IsDefaultOrEmpty && s.Pages.Length <= MaxStagedSupplyPages
        && s.Pages.All(p => !p.IsDefault && p.Length == _state.PageSize);

    private void SupplyFrameStaged(VmFrame? frame, ImmutableArray<byte> contents)
    {
        if (frame is { } staged) _frames.Stage(staged, contents);
        if (_supplyFrames.Count > 0 || _staging is not { } supply) return;
        _staging = null;
        _state.Receive(supply);
        _frames.ReleaseStaged();
        CarryOut();
        while (_staging is null && _quiesce is null && _heldControl.TryDequeue(out var next)) Control(next);
        TakeHeldDeath();
    }

    private void Evict(PageEvict e)
    {
        var page = _state.Page(e.Offset);
        if (page is not { Absent: false, Busy: false } || page.Frame != e.Frame || _state.BeginPageOut(e.Offset, flush: true) != KernReturn.Success)
        {
            _memory.Tell(new PageEvictDeclined(e.Token), Self);
            return;
        }
        _evicting[e.Token] = e;
        if (_mappers.Count == 0)
        {
            Unmapped(e.Token, e);
            return;
        }
        _unmapping[e.Token] = _mappers.Count;
        foreach (var mapper in _mappers) mapper.Tell(new RemoveFrameMappings(e.Token, e.Frame), Self);
    }

    private void Unmapped(long token, PageEvict e)
    {
        _unmapping.Remove(token);
        var page = _state.Page(e.Offset);
        _memory.Tell(new PageUnmapped(token, page?.Dirty == true, page?.Precious == true), Self);
    }

    private void Evicted(PageEvict e, PageEvicted v)
    {
        if (!v.PagedOut)
        {
            _frames.Forget(e.Frame);
            _state.FinishPageOut(e.Offset);
            CarryOut();
            return;
        }
        if (v.Modified) _state.SetDirty(e.Offset);
        if (_external is not null && _state.Binding == VmPagerBinding.Dead)
        {
            _state.AbortPageOut(e.Offset); // the pager is gone: its data cannot go back, so the page stays resident
            _memory.Tell(new PageEvictDeclined(e.Token), Self);
            CarryOut();
            return;
        }
        if (_external is null && _state.Binding == VmPagerBinding.None && _defaultPager is { } pager)
        {
            _state.CreateForDefaultPager(pager, new ControlIncarnation(Self, ++_nextIncarnation), _id, 0);
        }
        _frames.Lend(e.Frame, v.Data);
        if (_state.FinishPageOut(e.Offset) != KernReturn.Success)
        {
            _frames.Read(e.Frame); // not taken: no pager (no swap); the page stays resident and dirty
            _memory.Tell(new PageEvictDeclined(e.Token), Self);
        }
        CarryOut();
    }
}
