using MachActors.Hardware;
using MachActors.Hardware.Memory;

namespace MachActors.Kernel.Vm;

/// <summary>
/// The paging daemon's bookkeeping (vm_pageout.c, spec section 5) over <see cref="PageQueues"/>: when to
/// run, which pages to evict in a round, and the laundry: evictions in flight (frames chosen and not yet
/// free) plus pages handed to the default pager and not yet written (<see cref="Laundered"/> until
/// <see cref="Credited"/>). Plain decisions; the <see cref="VmResident"/> actor carries them out by
/// message. A round refills the inactive queue and runs second-chance steps until free + in flight
/// reaches free_target, the inactive queue is exhausted, <c>maxPerRound</c> evictions were started, or
/// the laundry is full (throttling: the next round comes with the next message, a freed frame or a
/// credit, or the timer). So the daemon evicts no faster than the swap disk writes.
/// </summary>
public sealed class PagingDaemon
{
    /// <summary>Default laundry size: evictions in flight plus unwritten pages at most.</summary>
    public const int DefaultLaundryMax = 16;

    /// <summary>Default evictions started per round.</summary>
    public const int DefaultMaxPerRound = 8;

    private readonly PageQueues _queues;
    private readonly int _laundryMax, _maxPerRound;
    private readonly Dictionary<long, PageEviction> _byToken = [];
    private readonly Dictionary<FrameNumber, long> _byFrame = [];
    private long _nextToken;

    /// <summary>A daemon over <paramref name="queues"/>.</summary>
    /// <param name="queues">The page queues (owned by the same actor).</param>
    /// <param name="laundryMax">Evictions in flight at most (at least 1).</param>
    /// <param name="maxPerRound">Evictions started per round at most (at least 1).</param>
    public PagingDaemon(PageQueues queues, int laundryMax = DefaultLaundryMax, int maxPerRound = DefaultMaxPerRound)
    {
        ArgumentNullException.ThrowIfNull(queues);
        _queues = queues;
        _laundryMax = Math.Max(1, laundryMax);
        _maxPerRound = Math.Max(1, maxPerRound);
    }

    /// <summary>Whether the daemon is working towards free_target (it keeps running rounds until it gets there).</summary>
    public bool Running { get; private set; }

    /// <summary>Evictions in flight (chosen, frame not yet free).</summary>
    public int InFlight => _byToken.Count;

    /// <summary>Pages handed to the default pager and not yet credited (written, or otherwise settled).</summary>
    public int Unwritten { get; private set; }

    /// <summary>The laundry: evictions in flight plus unwritten pages; no eviction starts while it is at the limit.</summary>
    public int Laundry => InFlight + Unwritten;

    /// <summary>Test-only: seeded bugs (<see cref="SeededBugs.DaemonIgnoresUnwrittenPageouts"/>); none by default.</summary>
    internal SeededBugs SeededBugs { get; init; }

    /// <summary>What the throttle compares with the limit: the laundry, or (the seeded bug, the behaviour before credits) evictions in flight only.</summary>
    private int Throttling => (SeededBugs & SeededBugs.DaemonIgnoresUnwrittenPageouts) != 0 ? InFlight : Laundry;

    /// <summary>What the daemon did so far.</summary>
    public PagingDaemonCounts Counts { get; } = new();

    /// <summary>
    /// One round, when woken (<see cref="PageQueues.ShouldWakeDaemon"/>) or still <see cref="Running"/>:
    /// the evictions started (each page is now busy and on no queue; the caller has its mappings
    /// removed, then calls <see cref="Unmapped"/>). Empty when there is nothing to do.
    /// </summary>
    public IReadOnlyList<PageEviction> Round()
    {
        if (!Running && !_queues.ShouldWakeDaemon) return [];
        Running = true;
        Counts.Rounds++;
        var started = new List<PageEviction>();
        _queues.Refill();
        for (var steps = _queues.InactiveCount; steps > 0 && started.Count < _maxPerRound; steps--)
        {
            if (_queues.FreeCount + InFlight >= _queues.Targets.FreeTarget) break;
            if (Throttling >= _laundryMax)
            {
                Counts.Throttled++;
                break;
            }
            var decision = _queues.ScanStep();
            if (decision.Action == ScanAction.Empty) break;
            if (decision.Action != ScanAction.Unmap) continue;
            var eviction = new PageEviction(++_nextToken, decision.Frame, decision.Owner);
            _byToken[eviction.Token] = eviction;
            _byFrame[eviction.Frame] = eviction.Token;
            Counts.Evictions++;
            NoteLaundry();
            started.Add(eviction);
        }
        if (_queues.FreeCount >= _queues.Targets.FreeTarget) Running = false;
        return started;
    }

    /// <summary>The eviction named <paramref name="token"/>, or null (finished, or never started).</summary>
    public PageEviction? Find(long token) => _byToken.GetValueOrDefault(token);

    /// <summary>
    /// Every mapping of the eviction's frame is gone (shootdowns acknowledged): folds the modify bit and
    /// <paramref name="objectDirty"/> into Dirty (<see cref="PageQueues.CompleteUnmap"/>). Freed: the frame
    /// is free, the eviction ends. Pageout: the frame stays busy and in the laundry until it is freed
    /// (<see cref="FrameFreed"/>). Null for an unknown token.
    /// </summary>
    public ScanDecision? Unmapped(long token, bool objectDirty)
    {
        if (!_byToken.TryGetValue(token, out var eviction)) return null;
        if (objectDirty) _queues.SetFlags(eviction.Frame, PageFlags.Dirty, true);
        if (_queues.CompleteUnmap(eviction.Frame, out var decision) != PageStatus.Success)
        {
            Forget(eviction);
            return null;
        }
        if (decision.Action == ScanAction.Freed)
        {
            Counts.Freed++;
            Forget(eviction);
        }
        else
        {
            Counts.Pageouts++;
        }
        return decision;
    }

    /// <summary>The object kept the page (busy, gone, or no pager took it): the frame loses busy and goes back to the active queue. False for an unknown token.</summary>
    public bool Declined(long token)
    {
        if (!_byToken.TryGetValue(token, out var eviction)) return false;
        Counts.Declined++;
        Forget(eviction);
        _queues.SetFlags(eviction.Frame, PageFlags.Busy, false);
        _queues.Activate(eviction.Frame);
        return true;
    }

    /// <summary>The frame was freed (after its data_return, or by its object going away): an eviction of it leaves the laundry.</summary>
    public void FrameFreed(FrameNumber frame)
    {
        if (_byFrame.TryGetValue(frame, out var token) && _byToken.TryGetValue(token, out var eviction)) Forget(eviction);
    }

    /// <summary>
    /// <paramref name="pages"/> pages were handed to the default pager (their data_return sent; their
    /// frames freed by the same message, so they move from in flight to unwritten): they stay in the
    /// laundry until <see cref="Credited"/>. Call after the frames of the same message were freed.
    /// </summary>
    public void Laundered(int pages)
    {
        if (pages <= 0) return;
        Unwritten += pages;
        Counts.Laundered += pages;
        NoteLaundry();
    }

    /// <summary>The default pager settled one page handed to it: it leaves the laundry. A credit with nothing unwritten is counted (<see cref="PagingDaemonCounts.UnexpectedCredits"/>) and changes nothing.</summary>
    public void Credited()
    {
        Counts.Credits++;
        if (Unwritten > 0) Unwritten--;
        else Counts.UnexpectedCredits++;
    }

    /// <summary>The default pager is gone: no credit will come, so the unwritten pages leave the laundry (else the daemon would stay throttled for ever).</summary>
    public void ForgetUnwritten() => Unwritten = 0;

    private void NoteLaundry()
    {
        Counts.MaxUnwritten = Math.Max(Counts.MaxUnwritten, Unwritten);
        Counts.MaxLaundry = Math.Max(Counts.MaxLaundry, Laundry);
    }

    private void Forget(PageEviction eviction)
    {
        _byToken.Remove(eviction.Token);
        _byFrame.Remove(eviction.Frame);
    }
}
