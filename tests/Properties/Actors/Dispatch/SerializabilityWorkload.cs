using FsCheck;
using FsCheck.Fluent;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Actors.Dispatch;

/// <summary>The host tells a token with <paramref name="Ttl"/> hops left to actor <paramref name="Target"/>.</summary>
public sealed record HostTell(int Target, int Ttl)
{
    /// <inheritdoc />
    public override string ToString() => $"a{Target}:{Ttl}";
}

/// <summary>
/// A workload of multi-target handlers: actor a's h-th handler, given a token with hops left, sends
/// one token to each of <c>Programs[a][h mod length]</c> (1-3 targets, repeats allowed). Every
/// message is unique and names the handler that sent it, so the receipts give the precedence graph.
/// </summary>
public sealed record SerializabilityWorkload(int[][][] Programs, HostTell[] Host)
{
    /// <summary>2-6 actors with 1-4 routing steps of 1-<paramref name="maxFanout"/> targets each, 1-4 host tells of 1-4 hops.</summary>
    public static Gen<SerializabilityWorkload> Generator(int maxFanout) =>
        from actors in Gen.Choose(2, 6)
        let targets = Gen.Choose(1, maxFanout).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, actors - 1), n))
        from programs in Gen.ArrayOf(Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(targets, n)), actors)
        from host in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(
            from target in Gen.Choose(0, actors - 1)
            from ttl in Gen.Choose(1, 4)
            select new HostTell(target, ttl), n))
        select new SerializabilityWorkload(programs, host);

    /// <summary>Generated workloads (see <see cref="Generator"/>), shrunk by dropping host tells and routing steps.</summary>
    public static Arbitrary<SerializabilityWorkload> Arbitrary(int maxFanout) => Arb.From(Generator(maxFanout), w =>
        Shrink.Remove(w.Host).Where(h => h.Length > 0).Select(h => w with { Host = h })
            .Concat(Shrink.RemoveInner(w.Programs).Where(p => p.All(steps => steps.Length > 0)).Select(p => w with { Programs = p }))
            .Concat(w.Host.Any(t => t.Ttl > 1) ? [w with { Host = [.. w.Host.Select(t => t with { Ttl = Math.Max(1, t.Ttl - 1) })] }] : []));

    /// <summary>
    /// A shape that makes a broken parallel dispatcher show itself: the host tells the producers
    /// (actors 2 + fillers ..) <paramref name="tells"/> times; each producer's handler sends to the
    /// relay (actor 0) first, then to every filler, then to the sink (actor 1); the relay, kept busy,
    /// forwards each message to the sink. A relay message reaching the sink before the producer's
    /// own is a cycle.
    /// </summary>
    public static SerializabilityWorkload RaceProne(int producers, int fillers, int tells)
    {
        int[] fanout = [0, .. Enumerable.Range(2, fillers), 1];
        int[][][] programs = [[[1]], .. Enumerable.Repeat<int[][]>([[1]], fillers + 1), .. Enumerable.Repeat<int[][]>([fanout], producers)];
        return new SerializabilityWorkload(programs,
            [.. Enumerable.Range(0, tells).Select(i => new HostTell(2 + fillers + i % producers, 2))]);
    }

    /// <summary>Race-prone shapes: 1-3 producers, 8-40 fillers, 50-150 tells.</summary>
    public static Gen<SerializabilityWorkload> RaceProneShapes =>
        from producers in Gen.Choose(1, 3)
        from fillers in Gen.Choose(8, 40)
        from tells in Gen.Choose(50, 150)
        select RaceProne(producers, fillers, tells);

    /// <summary>
    /// Null when the receipts are exactly what the handlers sent (each message received once, by its
    /// target); otherwise the first discrepancy.
    /// </summary>
    public string? Incomplete(IReadOnlyList<IReadOnlyList<Token>> receipts)
    {
        var expected = new Dictionary<MsgId, int>();
        for (var i = 0; i < Host.Length; i++) expected[new MsgId(-1, i, 0)] = Host[i].Target;
        for (var a = 0; a < receipts.Count; a++)
        {
            for (var h = 0; h < receipts[a].Count; h++)
            {
                if (receipts[a][h].Ttl == 0) continue;
                var targets = Programs[a][h % Programs[a].Length];
                for (var k = 0; k < targets.Length; k++) expected[new MsgId(a, h, k)] = targets[k];
            }
        }
        var received = receipts.SelectMany((log, a) => log.Select(t => (t.Id, Receiver: a))).ToList();
        foreach (var (id, receiver) in received)
        {
            if (!expected.Remove(id, out var target)) return $"{id} received by a{receiver}: never sent, or received twice";
            if (target != receiver) return $"{id} was sent to a{target} but received by a{receiver}";
        }
        return expected.Count == 0 ? null : $"never received: {string.Join(", ", expected.Keys.Take(10))}";
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Serial(host=[{string.Join(' ', (object[])Host)}], "
        + string.Join(", ", Programs.Select((p, a) => $"a{a}=[{string.Join(' ', p.Select(t => string.Join('+', t)))}]")) + ")";
}
