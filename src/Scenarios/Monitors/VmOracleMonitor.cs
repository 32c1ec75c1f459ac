using MachActors.Exploration.Monitors;
using MachActors.Hardware.Memory;
using MachActors.Kernel.Vm;

namespace MachActors.Scenarios.Monitors;

/// <summary>
/// The general VM oracle: every user read returns the last value a user write stored at the same
/// place, where a place is a byte of a VM object page (object id, page offset, byte). It reads the
/// trace only (no kernel notification, so it costs the kernel nothing): a frame belongs to the object
/// page the last <see cref="ObjectFaultAnswer"/> naming it said (<see cref="ObjectFaultAnswer.Owner"/>,
/// the object that holds the page, shadow chains resolved); a CPU's <see cref="MemoryAccess"/> reaching
/// the resident memory is the access, performed at that delivery (a write stores its bytes there; a
/// read's expected bytes are taken there and compared with the <see cref="MemoryAccessDone"/> the CPU
/// gets). Pages keep their values across pageout and pagein (same object, new frame), so a stale or lost
/// page is caught at the next read. Copy-on-write is the kernel's objects: after a fork the parent and
/// the child write different objects (their shadows), whose values are separate.
/// A byte nobody wrote is learned at its first read (the pager's data, zeros, or a copied-up page),
/// then held to. Not checked: the bytes of pages a kernel overwrite (vm_write, vm_copy:
/// <see cref="ObjectOverwrite"/>) or a flush without return (<see cref="LockRequest"/> with flush that
/// may discard, which loses writes by the protocol) may change: those pages are learned, never held to.
/// A pager's flush with return hands the page's data to the pager, which may supply other bytes next
/// (a DSM pager brings another node's writes): those pages are forgotten and learned again.
/// Not detected: an object shared where it should be copied (both sides then write one object,
/// consistently: the scenario's own check sees that), a write through a stale TLB entry attributed to
/// the frame's new owner.
/// </summary>
/// <param name="pageSize">The machine's page size.</param>
public sealed class VmOracleMonitor(int pageSize) : SpecMonitor
{
    private readonly Dictionary<int, PageOwner> _frameOwner = [];
    private readonly Dictionary<PageOwner, PageValues> _pages = [];
    private readonly Dictionary<(int Cpu, long Call), PendingRead> _reads = [];
    private readonly Dictionary<int, long> _objectOfActor = [];
    private readonly List<(long Object, long Start, long End)> _unchecked = [];
    private readonly List<(int Actor, long Start, long End)> _uncheckedByActor = [];

    /// <summary>User writes seen.</summary>
    public long Writes { get; private set; }

    /// <summary>User reads compared with (or learned into) the oracle.</summary>
    public long Reads { get; private set; }

    /// <inheritdoc />
    protected override void OnDeliver(int receiver, int sender, object message)
    {
        switch (message)
        {
            case FrameAllocate a:
                _objectOfActor[sender] = a.Owner.ObjectId; // an object asks for frames under its own id
                break;
            case ObjectFaultAnswer { Answer: { Outcome: VmFaultOutcome.Resident, Frame: { } frame }, Owner: { } owner }:
                _frameOwner[(int)frame.Id] = owner;
                break;
            case MemoryAccess access:
                Accessed(sender, access);
                break;
            case MemoryAccessDone done when _reads.Remove((receiver, done.CallId), out var read):
                Compare(read, done);
                break;
            case ObjectOverwrite w:
                _uncheckedByActor.Add((receiver, w.TargetOffset, w.TargetOffset + w.Size));
                break;
            case LockRequest { ShouldFlush: true, ShouldReturn: LockReturnPolicy.None } l:
                _uncheckedByActor.Add((receiver, l.Offset, l.Offset + l.Size));
                break;
            case LockRequest { ShouldFlush: true } l:
                Forget(receiver, l.Offset, l.Offset + l.Size);
                break;
        }
    }

    /// <summary>
    /// A pager's flush with return: the kernel's copy goes back to the pager, which owns the page's data
    /// from then on and may supply other bytes (a DSM pager brings another node's writes): the object's
    /// pages in the range are forgotten and learned again at their next read.
    /// </summary>
    private void Forget(int objectActor, long start, long end)
    {
        if (!_objectOfActor.TryGetValue(objectActor, out var obj))
        {
            _uncheckedByActor.Add((objectActor, start, end)); // an object that never asked for a frame: nothing of it is held to
            return;
        }
        foreach (var owner in _pages.Keys.Where(o => o.ObjectId == obj && o.Offset >= start && o.Offset < end).ToList()) _pages.Remove(owner);
    }

    private void Accessed(int cpu, MemoryAccess access)
    {
        if (!_frameOwner.TryGetValue(access.Frame.Value, out var owner)) return; // a frame no fault answer named: nothing to key it by
        if (!_pages.TryGetValue(owner, out var page)) _pages[owner] = page = new PageValues(pageSize);
        if (access.IsWrite)
        {
            Writes++;
            page.Store(access.Offset, access.Data.AsSpan());
            return;
        }
        if (access.Length <= 0 || access.Offset < 0 || access.Offset + access.Length > pageSize) return;
        _reads[(cpu, access.CallId)] = new PendingRead(owner, access.Offset, page.Expected(access.Offset, access.Length), page);
    }

    private void Compare(PendingRead read, MemoryAccessDone done)
    {
        if (done.Status != MemoryStatus.Success || done.Data.Length != read.Expected.Length) return;
        Reads++;
        var held = !Unchecked(read.Owner);
        for (var i = 0; i < read.Expected.Length; i++)
        {
            var expected = read.Expected[i];
            var actual = done.Data[i];
            if (expected is { } value && held && value != actual)
            {
                Assert(false, $"VM oracle: a read of object {read.Owner.ObjectId} page offset {read.Owner.Offset} byte {read.Offset + i} returned {actual}, the last value written there is {value}");
                return;
            }
            if (expected is null) read.Page.Learn(read.Offset + i, actual);
        }
    }

    private bool Unchecked(PageOwner owner)
    {
        foreach (var (actor, start, end) in _uncheckedByActor)
        {
            if (_objectOfActor.TryGetValue(actor, out var id)) _unchecked.Add((id, start, end));
        }
        _uncheckedByActor.RemoveAll(u => _objectOfActor.ContainsKey(u.Actor));
        foreach (var (id, start, end) in _unchecked)
        {
            if (id == owner.ObjectId && owner.Offset + pageSize > start && owner.Offset < end) return true;
        }
        return false;
    }

    private sealed record PendingRead(PageOwner Owner, int Offset, byte?[] Expected, PageValues Page);

    /// <summary>One object page's bytes as the oracle knows them (null: not yet written or read).</summary>
    private sealed class PageValues(int pageSize)
    {
        private readonly byte[] _value = new byte[pageSize];
        private readonly bool[] _known = new bool[pageSize];

        public void Store(int offset, ReadOnlySpan<byte> data)
        {
            for (var i = 0; i < data.Length && offset + i < _value.Length; i++)
            {
                if (offset + i < 0) continue;
                _value[offset + i] = data[i];
                _known[offset + i] = true;
            }
        }

        public void Learn(int at, byte value)
        {
            if (_known[at]) return; // a write since the read was taken stands
            _value[at] = value;
            _known[at] = true;
        }

        public byte?[] Expected(int offset, int length)
        {
            var expected = new byte?[length];
            for (var i = 0; i < length; i++) expected[i] = _known[offset + i] ? _value[offset + i] : null;
            return expected;
        }
    }
}
