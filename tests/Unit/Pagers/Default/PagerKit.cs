using System.Collections.Immutable;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Default;
using MachActors.Tests.Unit.Kernel.Kern;

namespace MachActors.Tests.Unit.Pagers.Default;

/// <summary>Builders for the default pager tests: 64-byte pages on 128-byte blocks (each slot one padded block), 16 slots from block 8.</summary>
internal static class PagerKit
{
    public const int PageSize = 64;

    public static readonly DefaultPagerConfig Config = new() { PageSize = PageSize, BlockSize = 128, FirstBlock = 8, BlockCount = 16 };

    public static readonly FakeRef ObjectA = new("vm-object-a", 800);
    public static readonly FakeRef ObjectB = new("vm-object-b", 801);
    public static readonly FakeRef ObjectC = new("vm-object-c", 802);

    public static ControlIncarnation Control(FakeRef? obj = null, long id = 1) => new(obj ?? ObjectA, id);

    public static long Page(int n) => (long)n * PageSize;

    public static ImmutableArray<byte> Data(byte fill) => Enumerable.Repeat(fill, PageSize).ToImmutableArray();

    public static MemoryObjectCreate Create(long seqno, ControlIncarnation control, long memoryObject = 5, int pageSize = PageSize) =>
        new(seqno, memoryObject, 16L * PageSize, control, Name: 77, pageSize);

    public static DataRequest Request(long seqno, ControlIncarnation control, long offset) => new(seqno, control, offset, PageSize, VmProt.Read);

    public static DataReturn Return(long seqno, ControlIncarnation control, long offset, byte fill) => new(seqno, control, offset, Data(fill), Dirty: true, KernelCopy: false);

    public static DataInitialize Initialize(long seqno, ControlIncarnation control, long offset, byte fill) => new(seqno, control, offset, Data(fill));

    public static Terminate End(long seqno, ControlIncarnation control) => new(seqno, control, Name: 77);

    /// <summary>An empty pager and the fake disk that drives it.</summary>
    public static DefaultPagerState Pager(out SwapDisk disk, DefaultPagerConfig? config = null)
    {
        var state = new DefaultPagerState(config ?? Config);
        disk = new SwapDisk(state, config ?? Config);
        return state;
    }
}

/// <summary>
/// Stands in for the disk of the plain-class tests: collects the pager's disk requests, completes them
/// when told (in order, or a chosen one, successfully or with an I/O error) against a memory store, and
/// collects the answers to the VM objects.
/// </summary>
internal sealed class SwapDisk(DefaultPagerState pager, DefaultPagerConfig config)
{
    private readonly MemoryBlockStore _store = new(config.BlockSize, config.FirstBlock + config.BlockCount);

    public List<object> Pending { get; } = [];

    public List<PagerControlMessage> Replies { get; } = [];

    /// <summary>The page credits to the kernel, in order.</summary>
    public List<PageoutCredit> Credits { get; } = [];

    /// <summary>Blocks each write touched, in order.</summary>
    public List<long> WrittenBlocks { get; } = [];

    /// <summary>Hands <paramref name="message"/> to the pager and collects its effects.</summary>
    public KernReturn Send(PagerMessage message)
    {
        var result = pager.Receive(message);
        Collect();
        return result;
    }

    /// <summary>Completes the pending request at <paramref name="index"/> (with <paramref name="status"/> when not Success).</summary>
    public void Complete(int index = 0, IoStatus status = IoStatus.Success)
    {
        var request = Pending[index];
        Pending.RemoveAt(index);
        pager.Complete(request switch
        {
            DiskRead r when status == IoStatus.Success => Read(r),
            DiskRead r => new DiskInterrupt(r.RequestId, IoOperation.Read, status, r.Block, 0, ReadOnlyMemory<byte>.Empty),
            DiskWrite w when status == IoStatus.Success => Write(w),
            DiskWrite w => new DiskInterrupt(w.RequestId, IoOperation.Write, status, w.Block, 0, ReadOnlyMemory<byte>.Empty),
            _ => throw new InvalidOperationException("not a disk request"),
        });
        Collect();
    }

    /// <summary>Completes every request, also the ones completions start, in order.</summary>
    public void CompleteAll()
    {
        while (Pending.Count > 0) Complete();
    }

    /// <summary>The single answer so far; the list is emptied.</summary>
    public T Single<T>() where T : PagerControlMessage
    {
        var reply = Assert.Single(Replies);
        Replies.Clear();
        return Assert.IsType<T>(reply);
    }

    private DiskInterrupt Read(DiskRead r)
    {
        var bytes = new byte[r.Bytes];
        _store.Read(r.Block, bytes);
        return new DiskInterrupt(r.RequestId, IoOperation.Read, IoStatus.Success, r.Block, r.Bytes, bytes);
    }

    private DiskInterrupt Write(DiskWrite w)
    {
        Assert.True(w.Block >= config.FirstBlock && w.Block + (w.Data.Length / config.BlockSize) <= config.FirstBlock + config.BlockCount, "write outside the swap partition");
        _store.Write(w.Block, w.Data.Span);
        WrittenBlocks.Add(w.Block);
        return new DiskInterrupt(w.RequestId, IoOperation.Write, IoStatus.Success, w.Block, w.Data.Length, ReadOnlyMemory<byte>.Empty);
    }

    private void Collect()
    {
        foreach (var effect in pager.TakeEffects())
        {
            switch (effect)
            {
                case DefaultPagerEffect.Read read: Pending.Add(read.Request); break;
                case DefaultPagerEffect.Write write: Pending.Add(write.Request); break;
                case DefaultPagerEffect.Reply reply: Replies.Add(reply.Message); break;
                case DefaultPagerEffect.Credit credit: Credits.Add(credit.Message); break;
            }
        }
    }
}
