using System.Collections.Immutable;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Vm;

namespace MachActors.Pagers.Default;

/// <summary>
/// The default pager's decisions (spec §7), as a plain class the <see cref="DefaultPager"/> actor
/// hosts: kernel -> pager messages and disk interrupts in, <see cref="DefaultPagerEffect"/>s out.
/// <list type="bullet">
/// <item>Objects are incarnations (<see cref="ControlIncarnation"/>); memory_object_create names the
/// memory object and starts the object's seqno count. Each object's messages are admitted strictly in
/// seqno order; a message that arrives early waits (also one that beats its create).</item>
/// <item>data_request waits for the object's writes in flight (reads run in parallel);
/// data_return / data_initialize wait for I/O in flight on the same page; terminate waits for all
/// its object's I/O. A waiting message holds back the object's later ones.</item>
/// <item>Answers: stored -> data_supply (not precious, no lock, no reply); never written ->
/// data_unavailable; read error -> data_error MemoryError; lost page (swap was full) -> data_error
/// NoSpace; poisoned object (a write failed) -> data_error MemoryError; refused create (page size,
/// duplicate memory object) -> data_error InvalidArgument.</item>
/// <item>terminate frees the object's storage: the kernel held the only send right of a memory
/// object it created, so its terminate is the object port's no-senders.</item>
/// <item>Every data_return and data_initialize received gets exactly one <see cref="PageoutCredit"/>
/// once its fate is settled (written, write failed, swap full, already stored, dropped): the kernel's
/// laundry (DefaultPagerState.Credits.cs).</item>
/// </list>
/// Never throws on kernel or disk input: everything unexpected is counted.
/// </summary>
public sealed partial class DefaultPagerState
{
    private readonly DefaultPagerConfig _config;
    private readonly DefaultPagerCounts _counts = new();
    private readonly Dictionary<ControlIncarnation, PagerObjectQueue> _objects = [];
    private readonly HashSet<ControlIncarnation> _retired = [];
    private readonly Dictionary<long, (ControlIncarnation Control, long Offset, IoOperation Operation)> _io = [];
    private readonly List<DefaultPagerEffect> _effects = [];
    private long _nextRequest = 1;

    /// <summary>A pager with the swap partition <paramref name="config"/> describes, empty.</summary>
    /// <exception cref="ArgumentException">The configuration is invalid.</exception>
    public DefaultPagerState(DefaultPagerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = config.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(config));
        _config = config;
        Swap = new SwapMap(config.SlotCount, config.PageSize);
    }

    /// <summary>The swap bookkeeping.</summary>
    public SwapMap Swap { get; }

    /// <summary>What the pager did so far, with the gauges (objects, slots, requests in flight) as of now.</summary>
    public DefaultPagerCounts Counts
    {
        get
        {
            _counts.Objects = Swap.Objects;
            _counts.SlotsUsed = Swap.UsedSlots;
            _counts.SlotCount = Swap.SlotCount;
            _counts.DiskRequestsInFlight = _io.Count;
            _counts.PagesUnsettled = _unsettled;
            return _counts;
        }
    }

    /// <summary>The effects queued since the last call, in order; the queue is emptied.</summary>
    public IReadOnlyList<DefaultPagerEffect> TakeEffects()
    {
        var taken = _effects.ToArray();
        _effects.Clear();
        return taken;
    }

    /// <summary>
    /// A kernel -> pager message. Effects: the answers and disk requests of every message of its
    /// object that can now be admitted in seqno order. Returns Success when the message was queued or
    /// handled; InvalidName for a terminated incarnation (dropped, counted Stale); InvalidArgument for a
    /// seqno already seen (dropped, counted Stale). Messages naming no control port are counted Ignored.
    /// </summary>
    public KernReturn Receive(PagerMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (ControlOf(message) is not { } control)
        {
            _counts.Ignored++;
            return KernReturn.Success;
        }
        Taken(message);
        if (_retired.Contains(control))
        {
            Stale(message);
            return KernReturn.InvalidName;
        }
        if (!_objects.TryGetValue(control, out var obj)) _objects[control] = obj = new PagerObjectQueue(control);
        if (message is MemoryObjectCreate create && !obj.Created)
        {
            Start(obj, create);
        }
        else
        {
            if ((obj.Created && message.Seqno < obj.NextSeqno) || obj.Held.ContainsKey(message.Seqno))
            {
                Stale(message);
                return KernReturn.InvalidArgument;
            }
            obj.Held[message.Seqno] = message;
            if (!obj.Created || message.Seqno != obj.NextSeqno) _counts.Reordered++;
        }
        Pump(obj);
        return KernReturn.Success;
    }

    /// <summary>
    /// The swap disk's completion interrupt. A read: data_supply, or data_error MemoryError on failure.
    /// A write: counted; a failure poisons the object. Then the object's waiting messages are admitted
    /// as far as they can be. Returns InvalidArgument (counted) for an interrupt of no request of ours.
    /// </summary>
    public KernReturn Complete(DiskInterrupt interrupt)
    {
        ArgumentNullException.ThrowIfNull(interrupt);
        if (!_io.Remove(interrupt.RequestId, out var io))
        {
            _counts.UnknownInterrupts++;
            return KernReturn.InvalidArgument;
        }
        var obj = _objects[io.Control];
        obj.EndIo(io.Offset);
        if (io.Operation == IoOperation.Read)
        {
            obj.Reads--;
            if (interrupt.Status == IoStatus.Success && interrupt.Data.Length >= _config.PageSize)
            {
                var page = ImmutableArray.Create(interrupt.Data.Span[.._config.PageSize]);
                Reply(new DataSupply(io.Control, io.Offset, [page], VmProt.None, Precious: false, ReplyTo: null));
                _counts.Supplied++;
            }
            else
            {
                _counts.ReadErrors++;
                Error(io.Control, io.Offset, KernReturn.MemoryError);
            }
        }
        else
        {
            obj.Writes--;
            if (interrupt.Status == IoStatus.Success)
            {
                _counts.PagesWritten++;
            }
            else
            {
                _counts.WriteErrors++;
                Swap.Poison(obj.MemoryObject, KernReturn.MemoryError);
            }
            Settle(io.Control, io.Offset, interrupt.Status == IoStatus.Success ? PageoutFate.Written : PageoutFate.WriteFailed);
        }
        Pump(obj);
        return KernReturn.Success;
    }

    private static ControlIncarnation? ControlOf(PagerMessage message) => message switch
    {
        MemoryObjectCreate m => m.Control,
        DataRequest m => m.Control,
        DataReturn m => m.Control,
        DataInitialize m => m.Control,
        Terminate m => m.Control,
        MemoryObjectInit m => m.Control,
        DataUnlock m => m.Control,
        LockCompleted m => m.Control,
        SupplyCompleted m => m.Control,
        _ => null,
    };

    private void Start(PagerObjectQueue obj, MemoryObjectCreate create)
    {
        obj.Created = true;
        obj.MemoryObject = create.MemoryObject;
        obj.NextSeqno = create.Seqno + 1;
        _counts.Created++;
        if (create.PageSize != _config.PageSize || Swap.AddObject(create.MemoryObject) != KernReturn.Success)
        {
            obj.Refused = KernReturn.InvalidArgument;
            _counts.Malformed++;
        }
        else
        {
            obj.OwnsStorage = true;
        }
        foreach (var early in obj.Held.Where(held => held.Key < obj.NextSeqno).ToList())
        {
            obj.Held.Remove(early.Key);
            Stale(early.Value);
        }
    }

    private void Pump(PagerObjectQueue obj)
    {
        while (obj.Created && obj.Held.TryGetValue(obj.NextSeqno, out var message))
        {
            if (!TryAdmit(obj, message)) return;
            obj.Held.Remove(obj.NextSeqno);
            obj.NextSeqno++;
            if (!_objects.ContainsKey(obj.Control)) return;
        }
    }

    /// <summary>Admits <paramref name="message"/> (the object's next seqno), or returns false when it must wait for I/O.</summary>
    private bool TryAdmit(PagerObjectQueue obj, PagerMessage message)
    {
        switch (message)
        {
            case DataRequest request:
                return TryRead(obj, request.Offset);
            case DataReturn ret:
                return TryWrite(obj, ret.Offset, ret.Data, initialize: false);
            case DataInitialize init:
                return TryWrite(obj, init.Offset, init.Data, initialize: true);
            case Terminate:
                if (obj.Reads + obj.Writes > 0) return false;
                Finish(obj);
                return true;
            case MemoryObjectCreate:
                _counts.Malformed++;
                return true;
            default:
                _counts.Ignored++;
                return true;
        }
    }

    private bool TryRead(PagerObjectQueue obj, long offset)
    {
        if (obj.Refused != KernReturn.Success)
        {
            Error(obj.Control, offset, obj.Refused);
            return true;
        }
        if (offset < 0 || offset % _config.PageSize != 0)
        {
            _counts.Malformed++;
            Error(obj.Control, offset, KernReturn.InvalidArgument);
            return true;
        }
        if (obj.Writes > 0) return false;
        var found = Swap.Lookup(obj.MemoryObject, offset);
        switch (found.State)
        {
            case SwapPageState.NeverWritten:
                Reply(new DataUnavailable(obj.Control, offset, _config.PageSize));
                _counts.Unavailable++;
                break;
            case SwapPageState.Stored:
                obj.Reads++;
                obj.BeginIo(offset);
                var id = Issue(obj.Control, offset, IoOperation.Read);
                _effects.Add(new DefaultPagerEffect.Read(new DiskRead(id, BlockOf(found.Slot), _config.SlotBytes)));
                break;
            default:
                Error(obj.Control, offset, found.Error);
                break;
        }
        return true;
    }

    /// <summary>Admits a data_return / data_initialize: false while the page has I/O in flight; else the write is issued (credited at its interrupt) or the page settled at once.</summary>
    private bool TryWrite(PagerObjectQueue obj, long offset, ImmutableArray<byte> data, bool initialize)
    {
        var fate = Write(obj, offset, data, initialize, out var waits);
        if (waits) return false;
        if (fate is { } settled) Settle(obj.Control, offset, settled);
        return true;
    }

    /// <summary>The page's fate when it is settled now; null when its disk write was issued or it must wait (<paramref name="waits"/>).</summary>
    private PageoutFate? Write(PagerObjectQueue obj, long offset, ImmutableArray<byte> data, bool initialize, out bool waits)
    {
        waits = false;
        if (obj.Refused != KernReturn.Success)
        {
            _counts.WritesDropped++;
            return PageoutFate.Dropped;
        }
        if (data.IsDefault || data.Length != _config.PageSize || offset < 0 || offset % _config.PageSize != 0)
        {
            _counts.Malformed++;
            return PageoutFate.Dropped;
        }
        waits = obj.PageBusy(offset);
        if (waits) return null;
        var place = Swap.Place(obj.MemoryObject, offset, initialize);
        switch (place.Result)
        {
            case KernReturn.Success:
                obj.Writes++;
                obj.BeginIo(offset);
                var id = Issue(obj.Control, offset, IoOperation.Write);
                _effects.Add(new DefaultPagerEffect.Write(new DiskWrite(id, BlockOf(place.Slot), SlotImage(data))));
                return null;
            case KernReturn.MemoryPresent:
                _counts.InitializeSkipped++;
                return PageoutFate.AlreadyStored;
            case KernReturn.NoSpace:
                _counts.SwapFull++;
                return PageoutFate.SwapFull;
            default:
                _counts.WritesDropped++;
                return PageoutFate.Dropped;
        }
    }

    private void Finish(PagerObjectQueue obj)
    {
        if (obj.OwnsStorage) Swap.RemoveObject(obj.MemoryObject);
        foreach (var (seqno, held) in obj.Held)
        {
            if (seqno != obj.NextSeqno) Stale(held); // the terminate itself is removed by Pump
        }
        _objects.Remove(obj.Control);
        _retired.Add(obj.Control);
        _counts.Terminated++;
    }

    private long Issue(ControlIncarnation control, long offset, IoOperation operation)
    {
        var id = _nextRequest++;
        _io[id] = (control, offset, operation);
        return id;
    }

    private long BlockOf(long slot) => _config.FirstBlock + slot * _config.BlocksPerSlot;

    private ReadOnlyMemory<byte> SlotImage(ImmutableArray<byte> page)
    {
        if (_config.SlotBytes == page.Length) return page.AsMemory();
        var image = new byte[_config.SlotBytes];
        page.CopyTo(image);
        return image;
    }

    private void Error(ControlIncarnation control, long offset, KernReturn code)
    {
        Reply(new DataError(control, offset, _config.PageSize, code));
        _counts.Errors++;
    }

    private void Reply(PagerControlMessage message) => _effects.Add(new DefaultPagerEffect.Reply(message));
}
