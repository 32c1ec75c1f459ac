using MachActors.Hardware;
using MachActors.Hardware.Memory;

namespace MachActors.Kernel.Vm;

/// <summary>
/// The kernel's page queues over <see cref="PhysicalMemory"/>: free, active and inactive frames with
/// the per-page state the paging daemon needs, the targets of spec section 5, and the daemon's
/// second-chance decisions (<see cref="Refill"/>, <see cref="ScanStep"/>, <see cref="CompleteUnmap"/>).
/// Pure decisions: the caller carries them out (unmapping, shootdowns, pageouts). At boot every frame
/// is free, in ascending order; freed frames go to the tail. Bad input is a <see cref="PageStatus"/>.
/// </summary>
public sealed class PageQueues
{
    private readonly PhysicalMemory _memory;
    // One slot per frame; each queue is a doubly linked list threaded through the slots by frame
    // index (Next/Prev, -1 at the ends), so a machine's boot allocates one array, not two objects per frame.
    private readonly Page[] _pages;
    private readonly Queue[] _queues = new Queue[4];

    /// <summary>Queues over every frame of <paramref name="memory"/>, all free, with targets from <paramref name="freeReserved"/>.</summary>
    public PageQueues(PhysicalMemory memory, int freeReserved = PageQueueTargets.CmuFreeReserved)
    {
        ArgumentNullException.ThrowIfNull(memory);
        _memory = memory;
        _pages = new Page[memory.FrameCount];
        for (var q = 0; q < _queues.Length; q++) _queues[q] = new Queue(-1, -1, 0);
        for (var i = 0; i < _pages.Length; i++) Enqueue(i, PageQueue.Free);
        Targets = PageQueueTargets.Compute(memory.FrameCount, freeReserved);
    }

    /// <summary>The free-page targets.</summary>
    public PageQueueTargets Targets { get; }

    /// <summary>Free frames.</summary>
    public int FreeCount => _queues[(int)PageQueue.Free].Count;

    /// <summary>Frames on the active queue.</summary>
    public int ActiveCount => _queues[(int)PageQueue.Active].Count;

    /// <summary>Frames on the inactive queue.</summary>
    public int InactiveCount => _queues[(int)PageQueue.Inactive].Count;

    /// <summary>inactive_target: two thirds of the active and inactive pages, recomputed on every call.</summary>
    public int InactiveTarget => 2 * (ActiveCount + InactiveCount) / 3;

    /// <summary>Whether an allocator should wake the daemon: free below free_min, or below free_target with inactive below its target.</summary>
    public bool ShouldWakeDaemon =>
        FreeCount < Targets.FreeMin || (FreeCount < Targets.FreeTarget && InactiveCount < InactiveTarget);

    /// <summary>The frames of <paramref name="queue"/>, oldest first (<see cref="PageQueue.None"/>: empty).</summary>
    public IReadOnlyList<FrameNumber> Frames(PageQueue queue)
    {
        if (queue is not (PageQueue.Free or PageQueue.Active or PageQueue.Inactive)) return [];
        var frames = new List<FrameNumber>(_queues[(int)queue].Count);
        for (var i = _queues[(int)queue].Head; i >= 0; i = _pages[i].Next) frames.Add(new FrameNumber(i));
        return frames;
    }

    /// <summary>
    /// Takes the oldest free frame for <paramref name="owner"/> (vm_page_grab): on no queue, no flags,
    /// hardware bits cleared (bytes untouched). Null when none is free, or when the caller is not
    /// <paramref name="privileged"/> (the daemon, the default pager) and no more than free_reserved are
    /// free: an ordinary allocation succeeds only while free &gt; free_reserved, so it never takes a frame of
    /// the reserve and free_reserved frames stay for the privileged (spec section 5).
    /// </summary>
    public FrameNumber? Allocate(PageOwner owner, bool privileged = false)
    {
        var first = _queues[(int)PageQueue.Free].Head;
        if (first < 0) return null;
        if (SeededSteal(out var victim)) first = victim; // tests only
        else if (!privileged && FreeCount <= Targets.FreeReserved) return null;
        Dequeue(first);
        ref var page = ref _pages[first];
        page.Owner = owner;
        page.Flags = PageFlags.None;
        _memory.ClearBits(new FrameNumber(first), FrameBits.Referenced | FrameBits.Modified);
        return new FrameNumber(first);
    }

    /// <summary>Test-only seeded bug (<see cref="SeededBugs.AllocateStealsInactivePage"/>): below free_target, the head of the inactive queue, still its object's.</summary>
    private bool SeededSteal(out int victim)
    {
        victim = _queues[(int)PageQueue.Inactive].Head;
        return (_memory.SeededBugs & SeededBugs.AllocateStealsInactivePage) != 0 && victim >= 0 && FreeCount < Targets.FreeTarget;
    }

    /// <summary>Returns <paramref name="frame"/> to the tail of the free queue, forgetting its owner and flags. FrameFree if it already is.</summary>
    public PageStatus Free(FrameNumber frame)
    {
        var status = Held(frame);
        if (status != PageStatus.Success) return status;
        Dequeue(frame.Value);
        ref var page = ref _pages[frame.Value];
        page.Owner = default;
        page.Flags = PageFlags.None;
        page.Evicting = false;
        Enqueue(frame.Value, PageQueue.Free);
        return PageStatus.Success;
    }

    /// <summary>Puts <paramref name="frame"/> at the tail of the active queue (vm_page_activate). Wired pages stay off the queues (Wired).</summary>
    public PageStatus Activate(FrameNumber frame) => Move(frame, PageQueue.Active);

    /// <summary>Puts <paramref name="frame"/> at the tail of the inactive queue and clears its software and hardware reference bits (vm_page_deactivate). Wired pages stay off the queues (Wired).</summary>
    public PageStatus Deactivate(FrameNumber frame)
    {
        var status = Move(frame, PageQueue.Inactive);
        if (status == PageStatus.Success)
        {
            _pages[frame.Value].Flags &= ~PageFlags.Referenced;
            _memory.ClearBits(frame, FrameBits.Referenced);
        }
        return status;
    }

    /// <summary>
    /// Sets or clears <paramref name="flags"/> of an allocated frame. Wiring takes the page off its queue;
    /// unwiring puts it on the active queue.
    /// </summary>
    public PageStatus SetFlags(FrameNumber frame, PageFlags flags, bool value)
    {
        var status = Held(frame);
        if (status != PageStatus.Success) return status;
        ref var page = ref _pages[frame.Value];
        var wasWired = (page.Flags & PageFlags.Wired) != 0;
        page.Flags = value ? page.Flags | flags : page.Flags & ~flags;
        var isWired = (page.Flags & PageFlags.Wired) != 0;
        if (isWired && !wasWired) Dequeue(frame.Value);
        else if (wasWired && !isWired && !page.Evicting) Enqueue(frame.Value, PageQueue.Active);
        return PageStatus.Success;
    }

    /// <summary>The state of <paramref name="frame"/>. InvalidFrame for a frame not in memory.</summary>
    public PageStatus Get(FrameNumber frame, out PageInfo info)
    {
        info = default;
        if (!_memory.Contains(frame)) return PageStatus.InvalidFrame;
        ref readonly var page = ref _pages[frame.Value];
        info = new PageInfo(frame, page.Queue, page.Owner, page.Flags, page.Evicting);
        return PageStatus.Success;
    }

    /// <summary>
    /// Moves pages from the head of the active queue to the inactive queue (clearing their reference
    /// bits) until inactive reaches <see cref="InactiveTarget"/>; busy pages are skipped (moved to the
    /// active tail). Each active page is looked at most once. Returns how many were deactivated.
    /// </summary>
    public int Refill()
    {
        var moved = 0;
        for (var looked = ActiveCount; looked > 0 && InactiveCount < InactiveTarget && _queues[(int)PageQueue.Active].Head is var head and >= 0; looked--)
        {
            var frame = new FrameNumber(head);
            if ((_pages[head].Flags & PageFlags.Busy) != 0)
            {
                Move(frame, PageQueue.Active);
                continue;
            }
            Deactivate(frame);
            moved++;
        }
        return moved;
    }

    /// <summary>
    /// One second-chance step on the oldest inactive page: busy -> taken off the queues, left alone
    /// (SkippedBusy); absent -> freed (FreedAbsent); referenced, by the software or the hardware bit ->
    /// back to the active tail (Reactivated); otherwise marked busy and evicting, on no queue (Unmap):
    /// the caller removes every mapping and waits for every shootdown ack, then calls <see cref="CompleteUnmap"/>.
    /// </summary>
    public ScanDecision ScanStep()
    {
        var head = _queues[(int)PageQueue.Inactive].Head;
        if (head < 0) return new ScanDecision(ScanAction.Empty, default, default);
        var frame = new FrameNumber(head);
        ref var page = ref _pages[head];
        var owner = page.Owner;
        if ((page.Flags & PageFlags.Busy) != 0)
        {
            Dequeue(head);
            return new ScanDecision(ScanAction.SkippedBusy, frame, owner);
        }
        if ((page.Flags & PageFlags.Absent) != 0)
        {
            Free(frame);
            return new ScanDecision(ScanAction.FreedAbsent, frame, owner);
        }
        if ((page.Flags & PageFlags.Referenced) != 0 || (_memory.GetBits(frame) & FrameBits.Referenced) != 0)
        {
            Move(frame, PageQueue.Active);
            return new ScanDecision(ScanAction.Reactivated, frame, owner);
        }
        Dequeue(head);
        page.Flags |= PageFlags.Busy;
        page.Evicting = true;
        return new ScanDecision(ScanAction.Unmap, frame, owner);
    }

    /// <summary>
    /// Finishes the eviction of <paramref name="frame"/> after every mapping is gone and acknowledged:
    /// folds the hardware modify bit into Dirty (and clears the hardware bits), then frees a clean,
    /// non-precious page (Freed), or leaves a dirty or precious one busy on no queue for the pageout
    /// (Pageout). NotEvicting when <see cref="ScanStep"/> did not hand the frame out for eviction.
    /// </summary>
    public PageStatus CompleteUnmap(FrameNumber frame, out ScanDecision decision)
    {
        decision = default;
        if (!_memory.Contains(frame)) return PageStatus.InvalidFrame;
        ref var page = ref _pages[frame.Value];
        if (page.Queue == PageQueue.Free) return PageStatus.FrameFree;
        if (!page.Evicting) return PageStatus.NotEvicting;
        var modified = (_memory.GetBits(frame) & FrameBits.Modified) != 0 && (_memory.SeededBugs & SeededBugs.DaemonIgnoresModifyBit) == 0; // the bug: tests only
        if (modified) page.Flags |= PageFlags.Dirty;
        _memory.ClearBits(frame, FrameBits.Referenced | FrameBits.Modified);
        page.Evicting = false;
        var owner = page.Owner;
        if ((page.Flags & (PageFlags.Dirty | PageFlags.Precious)) == 0)
        {
            Free(frame);
            decision = new ScanDecision(ScanAction.Freed, frame, owner);
        }
        else
        {
            decision = new ScanDecision(ScanAction.Pageout, frame, owner);
        }
        return PageStatus.Success;
    }

    private PageStatus Held(FrameNumber frame)
    {
        if (!_memory.Contains(frame)) return PageStatus.InvalidFrame;
        return _pages[frame.Value].Queue == PageQueue.Free ? PageStatus.FrameFree : PageStatus.Success;
    }

    private PageStatus Move(FrameNumber frame, PageQueue queue)
    {
        var status = Held(frame);
        if (status != PageStatus.Success) return status;
        if ((_pages[frame.Value].Flags & PageFlags.Wired) != 0) return PageStatus.Wired;
        Dequeue(frame.Value);
        _pages[frame.Value].Evicting = false;
        Enqueue(frame.Value, queue);
        return PageStatus.Success;
    }

    // Appends frame i (on no queue) at the tail of queue.
    private void Enqueue(int i, PageQueue queue)
    {
        ref var q = ref _queues[(int)queue];
        ref var page = ref _pages[i];
        page.Queue = queue;
        page.Prev = q.Tail;
        page.Next = -1;
        if (q.Tail >= 0) _pages[q.Tail].Next = i;
        else q.Head = i;
        q.Tail = i;
        q.Count++;
    }

    // Takes frame i off its queue, if it is on one.
    private void Dequeue(int i)
    {
        ref var page = ref _pages[i];
        if (page.Queue == PageQueue.None) return;
        ref var q = ref _queues[(int)page.Queue];
        if (page.Prev >= 0) _pages[page.Prev].Next = page.Next;
        else q.Head = page.Next;
        if (page.Next >= 0) _pages[page.Next].Prev = page.Prev;
        else q.Tail = page.Prev;
        q.Count--;
        page.Queue = PageQueue.None;
        page.Next = page.Prev = -1;
    }

    private struct Queue(int head, int tail, int count)
    {
        public int Head = head, Tail = tail, Count = count;
    }

    private struct Page
    {
        public PageOwner Owner;
        public PageFlags Flags;
        public PageQueue Queue;
        public int Next, Prev;
        public bool Evicting;
    }
}
