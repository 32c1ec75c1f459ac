using FsCheck;
using FsCheck.Fluent;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Actors;

/// <summary>A step of a node's (or the host's) script in a no-loss workload.</summary>
public abstract record NoLossOp
{
    /// <summary>Tell a message that travels along <paramref name="Route"/> (node indices; each hop forwards to the next).</summary>
    public sealed record Send(int[] Route) : NoLossOp
    {
        /// <inheritdoc />
        public override string ToString() => ">" + string.Join(">", Route);
    }

    /// <summary>Tell PoisonPill to node <paramref name="Node"/>.</summary>
    public sealed record Pill(int Node) : NoLossOp
    {
        /// <inheritdoc />
        public override string ToString() => "pill" + Node;
    }

    /// <summary>ActorSystem.Stop node <paramref name="Node"/>.</summary>
    public sealed record Stop(int Node) : NoLossOp
    {
        /// <inheritdoc />
        public override string ToString() => "stop" + Node;
    }

    /// <summary>A node ends its handler here and resumes in a later one; the host runs the system for <paramref name="Steps"/> steps (controlled dispatcher).</summary>
    public sealed record Pause(int Steps) : NoLossOp
    {
        /// <inheritdoc />
        public override string ToString() => "|" + Steps;
    }
}

/// <summary>
/// Nodes that send, forward and stop at random points: by PoisonPill, by ActorSystem.Stop (from
/// other nodes or the host), by stopping themselves after <see cref="StopAfter"/> messages, and with
/// their parent (node i is a child of node <c>Parents[i]</c> &lt; i, or top-level for -1).
/// </summary>
public sealed record NoLossWorkload(NoLossOp[] Host, NoLossOp[][] Scripts, int[] StopAfter, int[] Parents)
{
    /// <summary>Number of nodes.</summary>
    public int Nodes => Scripts.Length;

    /// <summary>2-5 nodes with up to 8 ops each (a third stop themselves after 1-6 messages, about half are children), up to 10 host ops.</summary>
    public static Gen<NoLossWorkload> Generator =>
        from nodes in Gen.Choose(2, 5)
        from host in Gen.Choose(0, 10).SelectMany(n => Gen.ArrayOf(Op(nodes, maxPause: 20), n))
        from scripts in Gen.ArrayOf(Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Op(nodes, maxPause: 1), n)), nodes)
        from stopAfter in Gen.ArrayOf(Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 6))), nodes)
        from parents in Gen.CollectToArray(Enumerable.Range(0, nodes), i => i == 0 ? Gen.Constant(-1) : Gen.Choose(-i, i - 1).Select(p => Math.Max(p, -1)))
        select new NoLossWorkload(host, scripts, stopAfter, parents);

    /// <summary>Generated workloads, shrunk by dropping ops.</summary>
    public static Arbitrary<NoLossWorkload> Arbitrary => Arb.From(Generator, w =>
        Shrink.Remove(w.Host).Select(h => w with { Host = h })
            .Concat(Shrink.RemoveInner(w.Scripts).Select(s => w with { Scripts = s })));

    private static Gen<NoLossOp> Op(int nodes, int maxPause) => Gen.Frequency(
        (6, Gen.Choose(1, 3).SelectMany(hops => Gen.ArrayOf(Gen.Choose(0, nodes - 1), hops)).Select(r => (NoLossOp)new NoLossOp.Send(r))),
        (1, Gen.Choose(0, nodes - 1).Select(n => (NoLossOp)new NoLossOp.Pill(n))),
        (1, Gen.Choose(0, nodes - 1).Select(n => (NoLossOp)new NoLossOp.Stop(n))),
        (2, Gen.Choose(1, maxPause).Select(s => (NoLossOp)new NoLossOp.Pause(s))));

    /// <inheritdoc />
    public override string ToString() =>
        $"NoLoss(host=[{string.Join(' ', (object[])Host)}], "
        + string.Join(", ", Scripts.Select((s, i) =>
            $"n{i}{(Parents[i] >= 0 ? "(child of n" + Parents[i] + ")" : "")}{(StopAfter[i] > 0 ? "(stop after " + StopAfter[i] + ")" : "")}"
            + $"=[{string.Join(' ', (object[])s)}]"))
        + ")";
}
