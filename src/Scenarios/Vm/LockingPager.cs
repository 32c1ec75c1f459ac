using System.Collections.Immutable;
using MachActors.Actors.Timing;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Memory;

namespace MachActors.Scenarios.Vm;

/// <summary>What the writer of <see cref="LockRaceScenario"/> and its pager share: the writer's progress and the pager's verdicts.</summary>
public sealed class LockRaceProbe
{
    /// <summary>The counter value of the write the writer started last (0: none yet); set before the write traps.</summary>
    public int LastStarted { get; set; }

    /// <summary>data_unlocks the pager judged (the page was write-locked by it since its last grant).</summary>
    public int Checks { get; set; }

    /// <summary>The pager's copy when the object terminated (the counter), or null before.</summary>
    public int? Final { get; set; }

    /// <summary>The first wrong pager copy seen, or null.</summary>
    public string? Violation { get; set; }
}

/// <summary>
/// The pager of <see cref="LockRaceScenario"/> (spec R8): it serves one page whose first four bytes are a
/// counter the writer bumps, and <see cref="FirstLock"/> after init and then every <see cref="Period"/> (at most <see cref="Rounds"/> times) write-locks
/// it with lock_request(lock WRITE, RETURN_DIRTY), unless it is locked already; a data_unlock is answered
/// with a lock_request lifting the lock (the grant). Pages are supplied with the lock the pager holds.
/// Its check: a data_unlock that arrives while the page is write-locked comes from the writer blocked in
/// its next write, so the pager's copy must be exactly the last completed write (the one before the
/// writer's <see cref="LockRaceProbe.LastStarted"/>): the lock's data_return brought it. A variant that
/// loses a write is seen here or in the scenario's final check.
/// </summary>
/// <param name="pageSize">The kernel's page size.</param>
/// <param name="probe">Shared with the writer.</param>
public class LockingPager(int pageSize, LockRaceProbe probe) : MemoryPager(pageSize, Duration.Zero)
{
    /// <summary>How often the pager write-locks the page.</summary>
    public static readonly Duration Period = Duration.FromMicroseconds(20);

    /// <summary>When the first lock comes after init: in the instant the writer's first write fault is under way, so either may come first.</summary>
    public static readonly Duration FirstLock = Duration.FromMicroseconds(8);

    /// <summary>At most this many write-locks.</summary>
    public const int Rounds = 12;

    private ControlIncarnation? _control;
    private int _rounds;

    /// <summary>The pager holds the page write-locked (its last lock_request locked it, no grant since).</summary>
    protected bool Locked { get; private set; }

    /// <summary>The shared probe.</summary>
    protected LockRaceProbe Probe => probe;

    /// <summary>The counter in a page's bytes: 0 for the pager's initial bytes.</summary>
    public static int Counter(ImmutableArray<byte> page, long key) =>
        page.AsSpan(0, 4).SequenceEqual(Initial(key, 0, page.Length).AsSpan(0, 4)) ? 0 : BitConverter.ToInt32(page.AsSpan(0, 4));

    /// <summary>init: ready, and the lock timer starts.</summary>
    protected override void OnInit(MemoryObjectInit init)
    {
        _control = init.Control;
        base.OnInit(init);
        Context.Timers.StartPeriodicTimer("lock", LockTick.Instance, FirstLock, Period);
    }

    /// <summary>The lock timer and the pager's own steps; everything else as <see cref="MemoryPager"/>.</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case LockTick:
                Tick();
                break;
            case Terminate t when t.Control == _control:
                _control = null;
                probe.Final = Counter(Contents(t.Control, 0), 1);
                Context.Timers.Cancel("lock");
                base.OnReceive(message);
                break;
            default:
                base.OnReceive(message);
                break;
        }
    }

    private void Tick()
    {
        if (_control is not { } control || Locked) return;
        if (++_rounds > Rounds)
        {
            Context.Timers.Cancel("lock");
            return;
        }
        Locked = true;
        Send(WriteLock(control));
    }

    /// <summary>The pager's write-lock: lock WRITE, return dirty pages (kept), lock_completed to the pager.</summary>
    protected virtual LockRequest WriteLock(ControlIncarnation control) =>
        new(control, 0, PageSize, LockReturnPolicy.Dirty, false, VmProt.Write, Self);

    /// <summary>data_request: the page, with the lock the pager holds.</summary>
    protected override void OnDataRequest(DataRequest request) =>
        Send(new DataSupply(request.Control, request.Offset, [Contents(request.Control, request.Offset)], Locked ? VmProt.Write : VmProt.None, false, null));

    /// <summary>data_unlock: judged while locked (the pager's copy is the last completed write), then the grant.</summary>
    protected override void OnDataUnlock(DataUnlock unlock)
    {
        if (Locked)
        {
            probe.Checks++;
            var copy = Counter(Contents(unlock.Control, 0), 1);
            var expected = probe.LastStarted - 1;
            if (copy != expected) probe.Violation ??= $"at data_unlock #{unlock.Seqno} the pager's copy holds write {copy}, the writer completed write {expected} before it blocked";
        }
        Locked = false;
        base.OnDataUnlock(unlock);
    }

    private sealed record LockTick
    {
        public static readonly LockTick Instance = new();
    }
}
