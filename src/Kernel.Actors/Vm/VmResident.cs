using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Hardware.Memory;

namespace MachActors.Kernel.Vm;

/// <summary>
/// The owner of physical memory (a child of the host, <c>/user/host/vm-resident</c>): it hosts
/// <see cref="ResidentMemory"/> (the page queues and the frames' bytes) and, once a default pager is
/// registered (<see cref="EnablePaging"/>), the <see cref="PagingDaemon"/>. VM objects get and free
/// frames by message; CPUs read and write frame bytes by message (<see cref="MemoryAccess"/>), after
/// translating through a TLB entry the kernel installed (docs/VM.md rule 6). Because every send is
/// causally ordered, an access a CPU sent before it acknowledged a shootdown is performed here before
/// any <see cref="FrameFree"/> that the shootdown's completion allowed: a freed frame is never
/// touched through a stale translation (property f).
/// </summary>
public sealed partial class VmResident : Actor
{
    /// <summary>How often the daemon looks again while it is below free_target and waits for its laundry.</summary>
    public static readonly Duration DaemonPeriod = Duration.FromMilliseconds(10);

    private readonly ResidentMemory _resident;
    private readonly PagingDaemon _daemon;
    private readonly MachineStatus? _status;
    private readonly Dictionary<long, IActorRef> _objects = [];
    private readonly Queue<(FrameAllocate Request, IActorRef ReplyTo)> _waiting = new();
    private readonly int _pageSize;
    private readonly Duration _pagerTimeout;
    private readonly SeededBugs _seededBugs;
    private IActorRef? _defaultPager;
    private bool _paging, _timerArmed, _creditsLost;
    private long _accesses;

    /// <summary>The memory of a machine shaped by <paramref name="config"/>; counters go to <paramref name="status"/> when given.</summary>
    public VmResident(MachineConfig config, MachineStatus? status = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _resident = new ResidentMemory(PhysicalMemory.Create(config));
        _daemon = new PagingDaemon(_resident.Queues) { SeededBugs = config.SeededBugs };
        _pageSize = config.PageSize;
        _pagerTimeout = config.PagerTimeout;
        _seededBugs = config.SeededBugs;
        _status = status;
        _status?.VmFreeFrames(_resident.Queues.FreeCount);
    }

    /// <summary>
    /// FrameAllocate: answers FrameAllocated with an active frame (zero-filled, or filled with the
    /// request's contents), or null when none may be taken; with paging enabled the request waits for a
    /// free frame instead. FrameFree: the frames go back to the free queue (unknown or already free ones
    /// are ignored); waiting requests are served; its laundered pages join the laundry. MemoryAccess:
    /// performed, answered MemoryAccessDone (a refusal is a code). EnablePaging: the daemon runs from now
    /// on; the default pager is told to credit its pages here (PageoutCreditsTo) and watched. PageoutCredit
    /// (the default pager): a page leaves the laundry. Terminated of the default pager: no credit will
    /// come, the unwritten pages are forgotten. PageUnmapped, PageEvictDeclined, the daemon's timer: the
    /// eviction protocol (docs/VM.md, as built: paging). GetVmResidentStats: the counts.
    /// FrameSnapshot: the frames' bytes and modify bits (the bits cleared), answered FrameSnapshotted.
    /// Memory object ports: VmResident.MemoryObjects.cs.
    /// SpawnVmObject: the object's actor is made here (a child; shadowing its backing object's actor when
    /// that is known) and the sender told; ResolveVmObject: the sender is told the actor (null when gone).
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case FrameAllocate a:
                _objects[a.Owner.ObjectId] = Sender;
                if (_paging && _waiting.Count > 0) _waiting.Enqueue((a, Sender));
                else if (!TryServe(a, Sender, wait: _paging)) _waiting.Enqueue((a, Sender));
                break;
            case FrameFree f:
                foreach (var frame in f.Frames) Free(frame);
                if (!_creditsLost) _daemon.Laundered(f.Laundered); // after the frees: the pages move from in flight to unwritten
                if (f.ObjectGone is { } gone && _objects.Remove(gone)) _status?.VmObjects(-1);
                ServeWaiting();
                break;
            case MemoryAccess access:
                _accesses++;
                Sender.Tell(_resident.Access(access), Self);
                break;
            case EnablePaging e:
                _paging = true;
                _defaultPager = e.DefaultPager;
                e.DefaultPager.Tell(new PageoutCreditsTo(Self), Self);
                Context.Watch(e.DefaultPager);
                break;
            case PageoutCredit:
                _daemon.Credited();
                break;
            case Terminated t when t.ActorRef.Equals(_defaultPager):
                _creditsLost = true;
                _daemon.ForgetUnwritten();
                OnMemoryObjectMessage(t);
                break;
            case SpawnVmObject s:
                Sender.Tell(new VmObjectSpawned(s.Id, Spawn(s)), Self);
                break;
            case ResolveVmObject r:
                Sender.Tell(new VmObjectSpawned(r.Id, _objects.GetValueOrDefault(r.Id)), Self);
                break;
            case PageUnmapped u:
                Unmapped(u);
                break;
            case PageEvictDeclined d:
                _daemon.Declined(d.Token);
                break;
            case DaemonTick:
                _timerArmed = false;
                break;
            case FrameSnapshot s:
                Sender.Tell(new FrameSnapshotted(s.Token, s.Frames.Select(_resident.Snapshot).ToList()), Self);
                break;
            case GetVmResidentStats:
                var daemon = _daemon.Counts;
                Sender.Tell(new VmResidentStats(_resident.Queues.FreeCount, _resident.AllocatedCount, _accesses, _memoryObjects.Count, _daemon.Unwritten, daemon.MaxUnwritten, daemon.MaxLaundry, daemon.Throttled), Self);
                break;
            default:
                if (!OnMemoryObjectMessage(message)) Unhandled(message);
                return;
        }
        RunDaemon();
        _status?.VmFreeFrames(_resident.Queues.FreeCount);
        _status?.VmLaundry(_daemon.Unwritten, _daemon.Counts.MaxUnwritten);
    }

    private IActorRef Spawn(SpawnVmObject s)
    {
        if (_objects.GetValueOrDefault(s.Id) is { } existing) return existing;
        VmShadowLink? backing = s.BackingId is { } b && _objects.GetValueOrDefault(b) is { } backingRef ? new VmShadowLink(backingRef, s.BackingOffset) : null;
        var pager = _defaultPager;
        var made = Context.Spawn(Props.Create(() => new VmObject(s.Id, _pageSize, Self, _pagerTimeout, pager, backing, null, _seededBugs)));
        _objects[s.Id] = made;
        _status?.VmObjects(1);
        return made;
    }

    private bool TryServe(FrameAllocate a, IActorRef replyTo, bool wait)
    {
        var contents = a.Contents;
        if (a.CopyOf is { } source)
        {
            var frameNumber = ResidentMemory.ToFrame(source.Frame);
            if (_resident.Queues.Get(frameNumber, out var info) != PageStatus.Success || info.Owner != source.Owner)
            {
                replyTo.Tell(new FrameAllocated(a.RequestId, null, SourceGone: true), Self);
                return true;
            }
            contents = _resident.Read(source.Frame);
        }
        var frame = _resident.AllocateFilled(a.Owner, contents);
        if (frame is null && wait) return false;
        if (frame is not null) _status?.VmFrameFilled(pagein: !a.Contents.IsDefault);
        replyTo.Tell(new FrameAllocated(a.RequestId, frame, a.CopyOf is null ? default : contents), Self);
        return true;
    }

    private void ServeWaiting()
    {
        while (_waiting.TryPeek(out var next) && TryServe(next.Request, next.ReplyTo, wait: true)) _waiting.Dequeue();
    }

    private void Free(VmFrame frame)
    {
        _resident.Free(frame);
        _daemon.FrameFreed(ResidentMemory.ToFrame(frame));
    }

    private void Unmapped(PageUnmapped u)
    {
        if (_daemon.Find(u.Token) is not { } eviction || _objects.GetValueOrDefault(eviction.Owner.ObjectId) is not { } obj) return;
        var frame = new VmFrame(eviction.Frame.Value);
        var modified = !u.Precious || u.ObjectDirty || _resident.Modified(frame); // read before the unmap folds the bit in
        switch (_daemon.Unmapped(u.Token, u.ObjectDirty || u.Precious))
        {
            case { Action: ScanAction.Freed }:
                obj.Tell(new PageEvicted(u.Token, false, []), Self);
                ServeWaiting();
                break;
            case { Action: ScanAction.Pageout }:
                _status?.VmPageout();
                obj.Tell(new PageEvicted(u.Token, true, _resident.Read(frame), modified), Self);
                break;
        }
    }

    /// <summary>Runs a daemon round when paging is enabled and the daemon is woken or running; asks each victim's object to evict it; keeps a timer while below target.</summary>
    private void RunDaemon()
    {
        if (!_paging) return;
        foreach (var eviction in _daemon.Round())
        {
            if (_objects.GetValueOrDefault(eviction.Owner.ObjectId) is { } obj)
            {
                obj.Tell(new PageEvict(eviction.Token, new VmFrame(eviction.Frame.Value), eviction.Owner.Offset), Self);
            }
            else
            {
                _daemon.Declined(eviction.Token); // a frame no object actor asked for (not expected)
            }
        }
        if (_daemon.Running && !_timerArmed)
        {
            _timerArmed = true;
            Context.Timers.StartSingleTimer("daemon", DaemonTick.Instance, DaemonPeriod);
        }
    }

    private sealed record DaemonTick
    {
        public static readonly DaemonTick Instance = new();
    }
}
