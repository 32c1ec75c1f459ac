using MachActors.Hardware;
using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>
/// One VM object (vm/vm_object.c, vm/memory_object.c) as a plain class, hosted by one VM object actor:
/// resident pages by offset, shadow and copy links, the pager binding and its incarnations,
/// attributes, the absent count, paging in progress and termination, and both directions of the
/// pager protocol. Every event is a method call; everything it does outside goes out as
/// <see cref="VmObjectEffect"/>s (<see cref="TakeEffects"/>), in the order the pager must see them.
/// Split by concern: .Fault, .Control, .Supply, .Lock, .Pageout, .Terminate.
/// </summary>
/// <remarks>
/// INVARIANTS (spec pager-protocol.md §3)
/// 1. Only <see cref="RequestPage"/> sends data_request, and only after it inserted a busy + absent
///    placeholder at that offset; a busy page parks every other fault (I1).
/// 2. At most <see cref="AbsentMax"/> requests are outstanding (I2); no data_request or data_unlock
///    leaves before the binding is ready (I3).
/// 3. Every message of an incarnation precedes its terminate; the next init follows it (I10, I11).
/// 4. Input from a pager never throws: malformed, stale or unknown calls are ignored and counted.
/// </remarks>
public sealed partial class VmObjectState
{
    /// <summary>vm_object_absent_max: outstanding data_requests per object (I2).</summary>
    public const int AbsentMax = 50;

    private readonly SortedDictionary<long, VmPage> _pages = [];
    private readonly List<VmObjectEffect> _effects = [];
    private readonly List<VmFaultWaiter> _readyWaiters = [];
    private readonly List<VmFaultWaiter> _absentWaiters = [];
    private readonly List<(long Offset, Action Resume)> _deferred = [];
    private readonly HashSet<long> _pastIncarnations = [];
    private readonly IVmFrames _frames;
    private long _seqno;

    /// <summary>A new, unbound object (anonymous memory until <see cref="Bind"/> or <see cref="CreateForDefaultPager"/>).</summary>
    /// <param name="pageSize">The page size in bytes (a power of two).</param>
    /// <param name="frames">Where frames come from and go to.</param>
    /// <param name="name">The object's name port (an identity token given to the pager).</param>
    public VmObjectState(int pageSize, IVmFrames frames, long name)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (pageSize <= 0 || (pageSize & (pageSize - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(pageSize), "a power of two");
        PageSize = pageSize;
        _frames = frames;
        Name = name;
    }

    /// <summary>The page size in bytes.</summary>
    public int PageSize { get; }

    /// <summary>Test-only: seeded bugs (<see cref="SeededBugs.RefaultRequestsAgain"/>, <see cref="SeededBugs.BusyPageKeepsTwoWaiters"/>); none by default.</summary>
    internal SeededBugs SeededBugs { get; init; }

    /// <summary>The name port.</summary>
    public long Name { get; }

    /// <summary>The pager's key for the memory object, carried in init (0 when none).</summary>
    public long MemoryObjectKey { get; init; }

    /// <summary>The pager port (the pager's per-object mailbox), or null when unbound.</summary>
    public IActorRef? Pager { get; private set; }

    /// <summary>The current incarnation's control port, or null when unbound.</summary>
    public ControlIncarnation? Control { get; private set; }

    /// <summary>Where the object stands with its pager.</summary>
    public VmPagerBinding Binding { get; private set; }

    /// <summary>Active, terminating or terminated.</summary>
    public VmObjectLife Life { get; private set; }

    /// <summary>Keep the object and its pages after the last reference (can_persist).</summary>
    public bool MayCache { get; private set; }

    /// <summary>The copy strategy the pager declared (meaningful once ready, I3).</summary>
    public VmCopyStrategy CopyStrategy { get; private set; } = VmCopyStrategy.Delay;

    /// <summary>Created for the default pager (anonymous memory): its data is not returned at termination.</summary>
    public bool Internal { get; private set; }

    /// <summary>Outstanding data_requests (busy + absent placeholders waiting for the pager).</summary>
    public int AbsentCount { get; private set; }

    /// <summary>Paging operations in flight (pageouts, faults walking through the object); termination waits for zero.</summary>
    public int PagingInProgress { get; private set; }

    /// <summary>References (map entries, shadowing objects) to the object.</summary>
    public int References { get; private set; }

    /// <summary>The object this one shadows, or null.</summary>
    public VmShadowLink? Shadow { get; set; }

    /// <summary>This object's copy object (COPY_DELAY), or null.</summary>
    public VmShadowLink? Copy { get; set; }

    /// <summary>What was ignored or refused, and how many requests and returns went out.</summary>
    public VmObjectCounts Counts { get; } = new();

    /// <summary>The sequence number the next kernel -> pager message gets.</summary>
    public long NextSeqno => _seqno;

    /// <summary>Resident pages and placeholders, by offset.</summary>
    public IReadOnlyCollection<VmPage> Pages => _pages.Values;

    /// <summary>Faults parked until the pager is ready or a request slot frees.</summary>
    public int ObjectWaiterCount => _readyWaiters.Count + _absentWaiters.Count;

    /// <summary>The page at <paramref name="offset"/>, or null.</summary>
    public VmPage? Page(long offset) => _pages.GetValueOrDefault(offset);

    /// <summary>The effects of the calls since the last take, in order; forgets them.</summary>
    public IReadOnlyList<VmObjectEffect> TakeEffects()
    {
        if (_effects.Count == 0) return [];
        var taken = _effects.ToArray();
        _effects.Clear();
        return taken;
    }

    /// <summary>A map entry or shadowing object now references the object.</summary>
    public void AddReference() => References++;

    /// <summary>
    /// A reference is gone. Effects: when it was the last and the object may not be cached, the object
    /// terminates (<see cref="Terminate"/>). Returns InvalidArgument when there was no reference.
    /// </summary>
    public KernReturn RemoveReference()
    {
        if (References == 0) return KernReturn.InvalidArgument;
        References--;
        if (References == 0 && !MayCache && Life == VmObjectLife.Active) Terminate();
        return KernReturn.Success;
    }

    /// <summary>A fault starts walking through the object (I13): it is not terminated until <see cref="EndPaging"/>.</summary>
    public void BeginPaging() => PagingInProgress++;

    /// <summary>The fault of <see cref="BeginPaging"/> is done. Effects: a termination waiting for it completes.</summary>
    public KernReturn EndPaging()
    {
        if (PagingInProgress == 0) return KernReturn.InvalidArgument;
        PagingInProgress--;
        CheckTerminationReady();
        return KernReturn.Success;
    }

    private bool Aligned(long offset) => offset >= 0 && (offset & (PageSize - 1)) == 0;

    private bool ValidRange(long offset, long size) =>
        Aligned(offset) && size > 0 && (size & (PageSize - 1)) == 0 && offset <= long.MaxValue - size;

    private long Emit(IActorRef to, Func<long, PagerMessage> make)
    {
        var seqno = _seqno++;
        _effects.Add(new VmObjectEffect.Send(to, make(seqno)));
        return seqno;
    }

    private void Resume(VmFaultWaiter waiter, VmFaultAnswer answer) => _effects.Add(new VmObjectEffect.Resume(waiter, answer));

    private void WakeAll(List<VmFaultWaiter> waiters, VmFaultAnswer answer)
    {
        if (waiters.Count == 0) return;
        var woken = waiters.ToArray();
        waiters.Clear();
        foreach (var w in woken) Resume(w, answer);
    }

    private static VmFaultAnswer Retry(long offset) => new(VmFaultOutcome.Retry, offset);

    private static VmFaultAnswer Failed(long offset) => new(VmFaultOutcome.MemoryError, offset, Error: KernReturn.MemoryError);

    /// <summary>The offsets of pages in [offset, offset + size), ascending (a snapshot).</summary>
    private List<long> OffsetsIn(long offset, long size, long from)
    {
        var end = offset + size;
        var list = new List<long>();
        foreach (var key in _pages.Keys)
        {
            if (key >= end) break;
            if (key >= from) list.Add(key);
        }
        return list;
    }

    /// <summary>A placeholder's request is answered (or abandoned): the slot frees (I2), its timer stops.</summary>
    private void EndRequest(VmPage page)
    {
        if (page.RequestSeqno is not { } seqno) return;
        page.RequestSeqno = null;
        AbsentCount--;
        _effects.Add(new VmObjectEffect.CancelPagerTimer(page.Offset, seqno));
        WakeAll(_absentWaiters, Retry(page.Offset));
    }

    private void RemovePage(VmPage page)
    {
        if (page.Frame is { } frame) _frames.Free(frame);
        page.Frame = null;
        _pages.Remove(page.Offset);
    }

    /// <summary>The page at <paramref name="offset"/> stopped being busy (or went away): resume supplies and lock requests waiting for it.</summary>
    private void RunDeferred(long offset)
    {
        if (_deferred.Count == 0) return;
        var due = _deferred.Where(d => d.Offset == offset).Select(d => d.Resume).ToList();
        _deferred.RemoveAll(d => d.Offset == offset);
        foreach (var resume in due) resume();
    }
}
