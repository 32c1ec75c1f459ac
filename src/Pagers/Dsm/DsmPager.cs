using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Sdk;

namespace MachActors.Pagers.Dsm;

/// <summary>
/// A distributed-shared-memory pager (docs/PAGERS.md, "The DSM pager"), the classic Mach design: one
/// memory object (a <em>segment</em>) used by several nodes, each with its own cache of it, kept coherent by
/// the pager with read-many / write-one (spec R15). In Mach each node is a kernel with its own VM object
/// for the memory object; here one kernel finds one VM object per memory object port, so a node is a
/// memory object of its own: key <see cref="KeyFor"/>(segment, node). Tasks of node N map N's port; the
/// pager keeps every node's copy of the segment's pages coherent. On the pager SDK, a thin host of
/// <see cref="DsmDirectory"/> (the decisions) and <see cref="CoherenceAudit"/> (an independent check).
/// init: ready, not cached, COPY_DELAY. data_request / data_unlock / data_return / lock_completed /
/// terminate go to the directory; its effects become data_supply (lock NONE or WRITE, not precious),
/// lock_request (revocations with reply_to the pager, grants and wakes without). A node that is not live
/// any more (its incarnation terminated) gets nothing. <see cref="GetDsmPagerStats"/> answers
/// <see cref="DsmPagerStats"/>. A key whose upper half is 0 is segment = key on node 0, so with one node
/// per segment the pager serves independent objects like any other.
/// </summary>
public class DsmPager : Pager
{
    private readonly Dictionary<long, ControlIncarnation> _live = [];
    private readonly CoherenceAudit _audit;
    private DsmDirectory? _directory;
    private long _nodes;
    private long _supplies;
    private long _revocations;
    private long _grants;

    /// <summary>A DSM pager with an audit of its own (its findings are in <see cref="DsmPagerStats"/>).</summary>
    /// <param name="pageSize">The kernel's page size in bytes.</param>
    public DsmPager(int pageSize)
        : this(pageSize, new CoherenceAudit())
    {
    }

    /// <summary>A DSM pager reporting to <paramref name="audit"/>, which the caller reads after the run (a scenario's check).</summary>
    /// <param name="pageSize">The kernel's page size in bytes.</param>
    /// <param name="audit">The coherence audit the pager feeds.</param>
    public DsmPager(int pageSize, CoherenceAudit audit)
        : base(pageSize)
    {
        ArgumentNullException.ThrowIfNull(audit);
        _audit = audit;
    }

    /// <summary>How long a node given write keeps the page before another node's request may take it (Mirage's time window; virtual time).</summary>
    public static readonly Duration HoldTime = Duration.FromMicroseconds(100);

    /// <summary>The memory object key of <paramref name="node"/>'s view of <paramref name="segment"/>: node in the upper 32 bits, segment in the lower.</summary>
    /// <param name="segment">The segment, 0 to 2^32 - 1.</param>
    /// <param name="node">The node, 0 to 2^31 - 1.</param>
    public static long KeyFor(long segment, int node)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(node);
        if (segment is < 0 or > uint.MaxValue) throw new ArgumentOutOfRangeException(nameof(segment));
        return ((long)node << 32) | segment;
    }

    /// <summary>The segment of a memory object key.</summary>
    public static long SegmentOf(long key) => key & uint.MaxValue;

    /// <summary>The node of a memory object key.</summary>
    public static int NodeOf(long key) => (int)(key >>> 32);

    /// <summary>The directory (made at the first use by <see cref="NewDirectory"/>).</summary>
    private DsmDirectory Directory => _directory ??= NewDirectory(PageSize);

    /// <summary>The decision class; a seeded-bug variant returns its own.</summary>
    /// <param name="pageSize">The page size.</param>
    protected virtual DsmDirectory NewDirectory(int pageSize) => new(pageSize);

    /// <summary>GetDsmPagerStats: replies the stats to the sender. HoldOver (its own timer): the page's hold ends, queued requests go on. Everything else: the SDK (kernel messages).</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case GetDsmPagerStats:
                Sender.Tell(new DsmPagerStats(_nodes, Directory.Pages, _supplies, _revocations, _grants, _audit.Violations, _audit.MostWriters, _audit.First), Self);
                break;
            case HoldOver over:
                Directory.Released(over.Segment, over.Offset);
                Carry();
                break;
            default:
                base.OnReceive(message);
                break;
        }
    }

    /// <summary>init: the node's incarnation is live (effects for it go to this control port), then ready.</summary>
    protected override void OnInit(MemoryObjectInit init)
    {
        ArgumentNullException.ThrowIfNull(init);
        _live[init.Key] = init.Control;
        _nodes++;
        base.OnInit(init);
    }

    /// <summary>data_request: to the directory (write when the desired access includes write); answered now or after revocations.</summary>
    protected override void OnDataRequest(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = KeyOf(request.Control);
        Directory.Request(key, SegmentOf(key), request.Offset, (request.DesiredAccess & VmProt.Write) != 0);
        Carry();
    }

    /// <summary>data_unlock: to the directory, which grants write after revoking the other copies (or wakes a node that holds none).</summary>
    protected override void OnDataUnlock(DataUnlock unlock)
    {
        ArgumentNullException.ThrowIfNull(unlock);
        var key = KeyOf(unlock.Control);
        Directory.Unlock(key, SegmentOf(key), unlock.Offset);
        Carry();
    }

    /// <summary>data_return: modified bytes become the pager's copy; a return leaving no kernel copy takes the node off the page.</summary>
    protected override void OnDataReturn(DataReturn returned)
    {
        ArgumentNullException.ThrowIfNull(returned);
        var key = KeyOf(returned.Control);
        var segment = SegmentOf(key);
        Directory.Returned(key, segment, returned.Offset, returned.Data, returned.Dirty, returned.KernelCopy);
        if (!returned.KernelCopy) _audit.Dropped(key, segment, returned.Offset);
        Carry();
    }

    /// <summary>lock_completed of a revocation: the audit and the directory learn it; a request waiting for it may be answered.</summary>
    protected override void OnLockCompleted(LockCompleted completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var key = KeyOf(completed.Control);
        _audit.Completed(key, SegmentOf(key), completed.Offset);
        Directory.Completed(key, SegmentOf(key), completed.Offset);
        Carry();
    }

    /// <summary>terminate: the node holds nothing and owes no completion (its pages came back before this); requests waiting on it go on.</summary>
    protected override void OnTerminate(Terminate terminate)
    {
        ArgumentNullException.ThrowIfNull(terminate);
        var key = KeyOf(terminate.Control);
        _live.Remove(key);
        _audit.Gone(key);
        Directory.NodeGone(key);
        Carry();
    }

    /// <summary>
    /// Sends the directory's effects to the nodes' live incarnations (a hold starts the page's timer, whatever the node), telling the audit. An effect for a node
    /// that is not live is dropped; a revocation of one counts as completed at once (it holds nothing), and
    /// the effects that frees are carried in the same turn.
    /// </summary>
    private void Carry()
    {
        for (var effects = Directory.TakeEffects(); effects.Count > 0; effects = Directory.TakeEffects())
        {
            foreach (var effect in effects)
            {
                if (effect is DsmEffect.Hold hold) Context.Timers.StartSingleTimer($"hold-{hold.Segment}-{hold.Offset}", new HoldOver(hold.Segment, hold.Offset), HoldTime);
                else if (_live.TryGetValue(effect.Node, out var control)) Send(control, effect);
                else if (effect is DsmEffect.Revoke gone) Directory.Completed(gone.Node, gone.Segment, gone.Offset);
            }
        }
    }

    private void Send(ControlIncarnation control, DsmEffect effect)
    {
        switch (effect)
        {
            case DsmEffect.Supply s:
                _supplies++;
                _audit.Granted(s.Node, s.Segment, s.Offset, s.Writable);
                Supply(control, s.Offset, s.Data, s.Writable ? VmProt.None : VmProt.Write);
                break;
            case DsmEffect.Revoke r:
                _revocations++;
                _audit.Revoking(r.Node, r.Segment, r.Offset, r.Flush);
                Lock(control, r.Offset, PageSize, LockReturnPolicy.Dirty, r.Flush, VmProt.Write, Self);
                break;
            case DsmEffect.Grant g:
                _grants++;
                _audit.Granted(g.Node, g.Segment, g.Offset, writable: true);
                Lock(control, g.Offset, PageSize, LockReturnPolicy.None, false, VmProt.None);
                break;
            case DsmEffect.Wake w:
                Lock(control, w.Offset, PageSize, LockReturnPolicy.None, false, null);
                break;
        }
    }

    /// <summary>A page's hold time is over (the pager's own timer).</summary>
    private sealed record HoldOver(long Segment, long Offset);
}
