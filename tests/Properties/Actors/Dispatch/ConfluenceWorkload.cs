using FsCheck;
using FsCheck.Fluent;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Actors.Dispatch;

/// <summary>An increment of <paramref name="Amount"/> for counter <paramref name="Counter"/>, passed along relays <paramref name="Route"/> first.</summary>
public sealed record Increment(int Counter, int Amount, int[] Route, bool Yield)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"c{Counter}+{Amount}" + string.Concat(Route.Select(r => "<r" + r)) + (Yield ? "." : "");
}

/// <summary>
/// A confluent workload: producers add to counters (directly or through relay chains) while a tree
/// of spawned actors sums itself up and adds to the counters from its leaves. Addition commutes, so
/// every schedule reaches the same final state.
/// </summary>
public sealed record ConfluenceWorkload(int Counters, int Relays, Increment[][] Producers, int TreeDepth, int TreeFanout)
{
    /// <summary>1-4 counters, 0-3 relays, 1-4 producers of up to 15 increments, a tree of depth 0-3 and fanout 1-3.</summary>
    public static Gen<ConfluenceWorkload> Generator =>
        from counters in Gen.Choose(1, 4)
        from relays in Gen.Choose(0, 3)
        let increment =
            from counter in Gen.Choose(0, counters - 1)
            from amount in Gen.Choose(1, 9)
            from hops in relays == 0 ? Gen.Constant(0) : Gen.Choose(0, 2)
            from route in Gen.ArrayOf(Gen.Choose(0, Math.Max(0, relays - 1)), hops)
            from yields in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
            select new Increment(counter, amount, route, yields)
        from producers in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 15).SelectMany(k => Gen.ArrayOf(increment, k)), n))
        from depth in Gen.Choose(0, 3)
        from fanout in Gen.Choose(1, 3)
        select new ConfluenceWorkload(counters, relays, producers, depth, fanout);

    /// <summary>Generated workloads, shrunk by dropping increments and flattening the tree.</summary>
    public static Arbitrary<ConfluenceWorkload> Arbitrary => Arb.From(Generator, w =>
        Shrink.RemoveInner(w.Producers).Select(p => w with { Producers = p })
            .Concat(w.TreeDepth > 0 ? [w with { TreeDepth = w.TreeDepth - 1 }] : [])
            .Concat(w.TreeFanout > 1 ? [w with { TreeFanout = w.TreeFanout - 1 }] : []));

    /// <summary>
    /// The final state by arithmetic: tree node at position p (root 0, child i of p at p * fanout + i + 1)
    /// adds p + 1 to counter p mod Counters and the tree sums p + 1 over its nodes.
    /// </summary>
    public ConfluenceState Expected()
    {
        var totals = new long[Counters];
        var counts = new long[Counters];
        foreach (var inc in Producers.SelectMany(p => p))
        {
            totals[inc.Counter] += inc.Amount;
            counts[inc.Counter]++;
        }
        long sum = 0, nodes = 0;
        var level = new List<long> { 0 };
        for (var d = 0; d <= TreeDepth; d++)
        {
            foreach (var p in level)
            {
                totals[p % Counters] += p + 1;
                counts[p % Counters]++;
                sum += p + 1;
                nodes++;
            }
            level = [.. level.SelectMany(p => Enumerable.Range(0, TreeFanout).Select(i => p * TreeFanout + i + 1))];
        }
        return new ConfluenceState(totals, counts, sum, nodes);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Confluence(counters={Counters}, relays={Relays}, tree={TreeDepth}x{TreeFanout}, "
        + string.Join(", ", Producers.Select((p, i) => $"p{i}=[{string.Join(' ', (object[])p)}]")) + ")";
}

/// <summary>The final state of a confluent run: each counter's total and number of increments, the tree's sum and size.</summary>
public sealed record ConfluenceState(long[] Totals, long[] Counts, long TreeSum, long TreeNodes)
{
    /// <summary>Equal states give equal strings.</summary>
    public override string ToString() =>
        $"totals=[{string.Join(',', Totals)}] counts=[{string.Join(',', Counts)}] tree-sum={TreeSum} tree-nodes={TreeNodes}";
}
