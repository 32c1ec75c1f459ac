using FsCheck;
using FsCheck.Fluent;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Actors.Scheduling;

/// <summary>One step of a replay workload node's program, run when the node gets a Ping or a Tick with hops left.</summary>
public abstract record ReplayOp
{
    /// <summary>Ping top-level node <paramref name="Peer"/>.</summary>
    public sealed record Send(int Peer) : ReplayOp { /** <inheritdoc /> */ public override string ToString() => ">" + Peer; }

    /// <summary>Ping the top-level node picked by Context.ChooseInt.</summary>
    public sealed record SendChosen : ReplayOp { /** <inheritdoc /> */ public override string ToString() => ">?"; }

    /// <summary>Ping <paramref name="IfTrue"/> or <paramref name="IfFalse"/>, as Context.ChooseBool says.</summary>
    public sealed record Flip(int IfTrue, int IfFalse) : ReplayOp { /** <inheritdoc /> */ public override string ToString() => $">{IfTrue}|{IfFalse}"; }

    /// <summary>(Re)start timer <paramref name="Key"/>: a single one after <paramref name="Delay"/> µs, or every <paramref name="Period"/> µs.</summary>
    public sealed record Timer(int Key, int Delay, int Period) : ReplayOp
    {
        /// <inheritdoc />
        public override string ToString() => Period == 0 ? $"t{Key}@{Delay}" : $"t{Key}@{Delay}/{Period}";
    }

    /// <summary>Cancel timer <paramref name="Key"/>.</summary>
    public sealed record Cancel(int Key) : ReplayOp { /** <inheritdoc /> */ public override string ToString() => "x" + Key; }

    /// <summary>Spawn a child running the same program and ping it.</summary>
    public sealed record SpawnChild : ReplayOp { /** <inheritdoc /> */ public override string ToString() => "spawn"; }

    /// <summary>Stop the youngest child still running (if any).</summary>
    public sealed record StopChild : ReplayOp { /** <inheritdoc /> */ public override string ToString() => "stopchild"; }

    /// <summary>Stop this node.</summary>
    public sealed record StopSelf : ReplayOp { /** <inheritdoc /> */ public override string ToString() => "stop"; }
}

/// <summary>
/// A workload that uses every source of nondeterminism the controlled dispatcher records: delivery
/// order, timers (single, periodic, cancelled, fired early), ChooseBool / ChooseInt, spawns and stops.
/// </summary>
/// <param name="Programs">One program per top-level node.</param>
/// <param name="Hops">How far each initial ping travels (each op spends one hop).</param>
/// <param name="EarlyTimers">Chance that the random strategy fires a future timer before pending mail.</param>
public sealed record ReplayWorkload(ReplayOp[][] Programs, int Hops, double EarlyTimers)
{
    /// <summary>Virtual time the workload runs for, in µs.</summary>
    public const int Horizon = 100;

    /// <summary>2-4 nodes, programs of 1-6 ops, 2-6 hops, early timers off or at 0.2.</summary>
    public static Gen<ReplayWorkload> Generator =>
        from nodes in Gen.Choose(2, 4)
        from programs in Gen.ArrayOf(Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(Op(nodes), n)), nodes)
        from hops in Gen.Choose(2, 6)
        from early in Gen.Elements(0.0, 0.2)
        select new ReplayWorkload(programs, hops, early);

    /// <summary>Generated workloads, shrunk by dropping ops (every program keeps at least one).</summary>
    public static Arbitrary<ReplayWorkload> Arbitrary => Arb.From(Generator, w =>
        Shrink.RemoveInner(w.Programs).Where(p => p.All(ops => ops.Length > 0)).Select(p => w with { Programs = p })
            .Concat(w.Hops > 2 ? [w with { Hops = w.Hops - 1 }] : [])
            .Concat(w.EarlyTimers > 0 ? [w with { EarlyTimers = 0 }] : []));

    private static Gen<ReplayOp> Op(int nodes)
    {
        var peer = Gen.Choose(0, nodes - 1);
        var key = Gen.Choose(0, 2);
        return Gen.Frequency(
            (4, peer.Select(p => (ReplayOp)new ReplayOp.Send(p))),
            (2, Gen.Constant((ReplayOp)new ReplayOp.SendChosen())),
            (2, peer.Two().Select(t => (ReplayOp)new ReplayOp.Flip(t.Item1, t.Item2))),
            (3, from k in key
                from delay in Gen.Choose(0, 20)
                from period in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(10, 30)))
                select (ReplayOp)new ReplayOp.Timer(k, delay, period)),
            (1, key.Select(k => (ReplayOp)new ReplayOp.Cancel(k))),
            (1, Gen.Constant((ReplayOp)new ReplayOp.SpawnChild())),
            (1, Gen.Constant((ReplayOp)new ReplayOp.StopChild())),
            (1, Gen.Constant((ReplayOp)new ReplayOp.StopSelf())));
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Replay(hops={Hops}, early-timers={EarlyTimers}, "
        + string.Join(", ", Programs.Select((p, i) => $"n{i}=[{string.Join(' ', (object[])p)}]")) + ")";
}
