using FsCheck;
using FsCheck.Fluent;
using MachActors.Kernel.Ipc;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>
/// Operation weights of a generated script, so that each property's run leans toward what it is
/// about. Every mix keeps adversarial picks (forged, foreign, consumed names; dispositions the name
/// does not support) a real fraction of the operations (<see cref="Adversarial"/> in 10ths of the picks).
/// </summary>
public sealed record IpcMix(int Alloc = 3, int Release = 3, int ModRefs = 2, int Insert = 3, int Extract = 1, int QLimit = 1, int Member = 1,
    int Request = 2, int Send = 8, int Receive = 5, int Adversarial = 3, int BlockPercent = 15, int Interrupt = 1)
{
    /// <summary>Everything, evenly.</summary>
    public static readonly IpcMix Default = new();

    /// <summary>Rights moving around: inserts, extracts, sends with rights, reuse of consumed names.</summary>
    public static readonly IpcMix Rights = new(Insert: 5, Extract: 3, Send: 9, Receive: 4, Adversarial: 4);

    /// <summary>Deaths: destroys, dead-name and no-senders requests.</summary>
    public static readonly IpcMix Deaths = new(Release: 6, Insert: 7, Request: 6, Send: 5, Receive: 3);

    /// <summary>Urefs: mod_refs with huge and negative deltas, deallocations, repeated make-sends.</summary>
    public static readonly IpcMix Urefs = new(ModRefs: 8, Release: 4, Insert: 5, Send: 5);

    /// <summary>Queues: many sends to a few ports, small qlimits, blocking sends, receives.</summary>
    public static readonly IpcMix Queues = new(Alloc: 1, Release: 1, ModRefs: 1, Insert: 6, Extract: 0, QLimit: 4, Member: 1, Request: 1, Send: 20, Receive: 5,
        Adversarial: 2, BlockPercent: 70, Interrupt: 4);
}

/// <summary>A script: <paramref name="Tasks"/> tasks (two threads each), the router's seed (delivery order), and the operations.</summary>
public sealed record IpcScript(int Tasks, int Seed, IpcOp[] Ops)
{
    private static readonly int[] Deltas = [-1, -1, 1, 1, 2, -2, 0, 5, -65535, 65534, 65535, int.MaxValue, int.MinValue, -100];
    private static readonly MsgType[] SendDispositions = [MsgType.CopySend, MsgType.MakeSend, MsgType.MoveSend, MsgType.MakeSendOnce, MsgType.MoveSendOnce];
    private static readonly MsgType[] AllDispositions = [.. SendDispositions, MsgType.MoveReceive];

    private static Gen<NamePick> Pick(IpcMix mix) =>
        from adversarial in Gen.Choose(0, 9)
        from kind in adversarial < mix.Adversarial
            ? Gen.Elements(PickKind.Forged, PickKind.Foreign, PickKind.Consumed, PickKind.Consumed, PickKind.Null, PickKind.Dead)
            : Gen.Constant(PickKind.Held)
        from index in Gen.Choose(0, 15)
        select new NamePick(kind, index);

    private static Gen<IpcOp> OpGen(IpcMix mix)
    {
        var task = Gen.Choose(0, 3);
        var pick = Pick(mix);
        var block = Gen.Choose(0, 99).Select(p => p < mix.BlockPercent);
        var timed = Gen.Choose(0, 99).Select(p => p < 30);
        return Gen.Frequency(
            (mix.Alloc, from t in task from r in Gen.Elements(PortRight.Receive, PortRight.Receive, PortRight.Receive, PortRight.PortSet, PortRight.DeadName)
                select (IpcOp)new IpcOp.Allocate(t, r)),
            (mix.Release, from t in task from n in pick from d in Gen.Elements(false, false, true)
                select d ? (IpcOp)new IpcOp.Destroy(t, n) : new IpcOp.Deallocate(t, n)),
            (mix.ModRefs, from t in task from n in pick from r in Gen.Elements(PortRight.Send, PortRight.Send, PortRight.DeadName, PortRight.Receive, PortRight.SendOnce, PortRight.PortSet)
                from d in Gen.Elements(Deltas) select (IpcOp)new IpcOp.ModRefs(t, n, r, d)),
            (mix.Insert, from t in task from to in Gen.Frequency((2, Gen.Constant(-1)), (3, Gen.Choose(0, 3))) from n in pick
                from d in Gen.Elements(MsgType.MakeSend, MsgType.MakeSend, MsgType.MakeSendOnce, MsgType.CopySend, MsgType.MoveSend, MsgType.MoveSendOnce, MsgType.MoveReceive)
                from same in Gen.Elements(true, true, false) from seed in Gen.Choose(0, 7)
                select (IpcOp)new IpcOp.Insert(t, to < 0 ? t : to, n, d, same, seed)),
            (mix.Extract, from t in task from f in Gen.Choose(0, 3) from n in pick from d in Gen.Elements(AllDispositions)
                select (IpcOp)new IpcOp.Extract(t, f, n, d)),
            (mix.QLimit, from t in task from n in pick from q in Gen.Elements(0, 1, 1, 1, 1, 2, 2, 3, 5, 16, 17, -1)
                select (IpcOp)new IpcOp.SetQLimit(t, n, q)),
            (mix.Member, from t in task from m in pick from s in Gen.Frequency((4, pick), (1, Gen.Constant(new NamePick(PickKind.Null, 0))))
                select (IpcOp)new IpcOp.MoveMember(t, m, s)),
            (mix.Request, from t in task from n in pick from v in Gen.Elements(NotifyIds.DeadName, NotifyIds.DeadName, NotifyIds.NoSenders, 99)
                from s in Gen.Elements(0, 0, 1) from q in pick from d in Gen.Elements(MsgType.MakeSendOnce, MsgType.MakeSendOnce, MsgType.MoveSendOnce, MsgType.CopySend)
                select (IpcOp)new IpcOp.Request(t, n, v, s, q, d)),
            (mix.Send, from t in task from th in Gen.Choose(0, 1) from dn in pick
                from dd in Gen.Frequency((8, Gen.Elements(MsgType.CopySend, MsgType.CopySend, MsgType.MakeSend, MsgType.MakeSend, MsgType.MoveSend)),
                    (3, Gen.Elements(MsgType.MakeSendOnce, MsgType.MoveSendOnce)), (1, Gen.Constant(MsgType.MoveReceive)))
                from rn in Gen.Frequency((3, Gen.Constant(new NamePick(PickKind.Null, 0))), (2, pick))
                from rd in Gen.Elements(SendDispositions)
                from bn in pick from bd in Gen.Frequency((3, Gen.Constant(MsgType.None)), (2, Gen.Elements(AllDispositions)))
                from b in block from tm in timed
                select (IpcOp)new IpcOp.Send(t, th, dn, dd, rn, rn.Kind == PickKind.Null ? MsgType.None : rd, bn, bd, b, tm)),
            (mix.Receive, from t in task from th in Gen.Choose(0, 1) from n in pick from b in block from tm in timed
                select (IpcOp)new IpcOp.Receive(t, th, n, b, tm)),
            (mix.Interrupt, from t in task from th in Gen.Choose(0, 1) from abort in Gen.Elements(true, true, false) from early in Gen.Elements(false, true)
                select (IpcOp)new IpcOp.Interrupt(t, th, abort, early)));
    }

    /// <summary>2-4 tasks, a delivery seed, 2-3 receive rights to start with, then 5-60 operations.</summary>
    public static Gen<IpcScript> Generator(IpcMix mix) =>
        from tasks in Gen.Choose(2, 4)
        from seed in Gen.Choose(0, int.MaxValue)
        from start in Gen.Choose(2, 3).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 3).Select(t => (IpcOp)new IpcOp.Allocate(t, PortRight.Receive)), n))
        from ops in Gen.Choose(5, 60).SelectMany(n => Gen.ArrayOf(OpGen(mix), n))
        select new IpcScript(tasks, seed, [.. start, .. ops]);

    /// <summary>Shrinks by dropping operations and tasks (indices are read modulo the counts).</summary>
    public static Arbitrary<IpcScript> Arbitrary(IpcMix mix) => Arb.From(Generator(mix), s =>
        Shrink.Remove(s.Ops).Select(ops => s with { Ops = ops })
            .Concat(s.Tasks > 2 ? [s with { Tasks = s.Tasks - 1 }] : []));

    /// <inheritdoc />
    public override string ToString() => $"IpcScript(tasks={Tasks}, seed={Seed}: {string.Join(' ', (object[])Ops)})";
}
