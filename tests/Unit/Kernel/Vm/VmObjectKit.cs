using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Vm;
using MachActors.Tests.Unit.Kernel.Kern;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>Frames as a dictionary: counts what is held, records what was freed.</summary>
internal sealed class FakeFrames : IVmFrames
{
    private readonly Dictionary<long, ImmutableArray<byte>> _held = [];
    private long _next = 1;

    public int Limit { get; set; } = int.MaxValue;

    public int Held => _held.Count;

    public List<long> Freed { get; } = [];

    public bool TryAllocate(ImmutableArray<byte> contents, out VmFrame frame)
    {
        frame = default;
        if (_held.Count >= Limit) return false;
        frame = new VmFrame(_next++);
        _held.Add(frame.Id, contents);
        return true;
    }

    public ImmutableArray<byte> Read(VmFrame frame) => _held[frame.Id];

    public void Free(VmFrame frame)
    {
        Assert.True(_held.Remove(frame.Id), "freed a frame not held");
        Freed.Add(frame.Id);
    }
}

/// <summary>Builders and readers for the VM object tests.</summary>
internal static class VmObjectKit
{
    public const int PageSize = 64;

    public static readonly FakeRef ObjectActor = new("vm-object", 700);
    public static readonly FakeRef PagerPort = new("pager", 701);
    public static readonly FakeRef ReplyPort = new("reply", 702);
    public static readonly FakeRef Task = new("task", 703);

    public static ControlIncarnation Incarnation(long id = 1) => new(ObjectActor, id);

    public static VmFaultWaiter Fault(long id) => new(Task, id);

    public static long Page(int n) => (long)n * PageSize;

    public static ImmutableArray<byte> Data(byte fill) => Enumerable.Repeat(fill, PageSize).ToImmutableArray();

    /// <summary>A bound object; with <paramref name="ready"/> the pager has said ready. Effects so far are taken.</summary>
    public static VmObjectState ReadyObject(out FakeFrames frames, bool ready = true, bool mayCache = false)
    {
        frames = new FakeFrames();
        var obj = new VmObjectState(PageSize, frames, name: 77);
        Assert.Equal(KernReturn.Success, obj.Bind(PagerPort, Incarnation()));
        if (ready) Assert.Equal(KernReturn.Success, obj.Receive(new Ready(Incarnation(), mayCache, VmCopyStrategy.Delay)));
        obj.TakeEffects();
        return obj;
    }

    public static DataSupply Supply(long offset, byte fill = 1, VmProt lockValue = VmProt.None, bool precious = false, int pages = 1, ControlIncarnation? control = null, bool reply = true) =>
        new(control ?? Incarnation(), offset, Enumerable.Range(0, pages).Select(i => Data((byte)(fill + i))).ToImmutableArray(), lockValue, precious, reply ? ReplyPort : null);

    /// <summary>The kernel -> pager messages among <paramref name="effects"/>, in order.</summary>
    public static List<PagerMessage> Sent(IEnumerable<VmObjectEffect> effects) => effects.OfType<VmObjectEffect.Send>().Select(s => s.Message).ToList();

    /// <summary>The resumed faults among <paramref name="effects"/>, in order.</summary>
    public static List<VmObjectEffect.Resume> Resumed(IEnumerable<VmObjectEffect> effects) => effects.OfType<VmObjectEffect.Resume>().ToList();

    /// <summary>A short name per effect, for asserting order.</summary>
    public static List<string> Kinds(IEnumerable<VmObjectEffect> effects) => effects.Select(e => e switch
    {
        VmObjectEffect.Send s => s.Message.GetType().Name,
        VmObjectEffect.Resume r => "Resume:" + r.Waiter.FaultId + ":" + r.Answer.Outcome,
        VmObjectEffect.StartPagerTimer => "StartTimer",
        VmObjectEffect.CancelPagerTimer => "CancelTimer",
        VmObjectEffect.RestrictMappings m => "Restrict:" + m.Allowed,
        _ => e.GetType().Name,
    }).ToList();

    /// <summary>Faults on <paramref name="offset"/> and returns the data_request it sent.</summary>
    public static DataRequest RequestAndTake(VmObjectState obj, long offset, long faultId, VmProt access = VmProt.Read)
    {
        Assert.Equal(VmFaultOutcome.Wait, obj.RequestPage(offset, access, Fault(faultId)).Outcome);
        return Assert.IsType<DataRequest>(Assert.Single(Sent(obj.TakeEffects())));
    }
}
