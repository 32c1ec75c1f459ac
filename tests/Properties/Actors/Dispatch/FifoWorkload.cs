using FsCheck;
using FsCheck.Fluent;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Actors.Dispatch;

/// <summary>One send of a FIFO workload: to receiver <paramref name="Receiver"/>, through the forwarders of <paramref name="Route"/> in turn (none: direct).</summary>
/// <param name="Receiver">Index of the final receiver.</param>
/// <param name="Route">Forwarder indices the message passes through, in order.</param>
/// <param name="Yield">The sender ends its handler after this send (and continues in a later one).</param>
public sealed record FifoSend(int Receiver, int[] Route, bool Yield)
{
    /// <summary>"r1", "r0>f1>f0", with "." when the sender yields after it.</summary>
    public override string ToString() =>
        "r" + Receiver + string.Concat(Route.Select(f => ">f" + f)) + (Yield ? "." : "");
}

/// <summary>
/// A per-sender FIFO workload: sender actors (and the host) send scripted messages to receivers,
/// directly or through chains of forwarders. One (origin, route) pair is one FIFO channel.
/// </summary>
public sealed record FifoWorkload(int Receivers, int Forwarders, FifoSend[] HostSends, FifoSend[][] Senders)
{
    /// <summary>1-3 receivers, 0-2 forwarders, 1-4 sender actors with up to 12 sends each, up to 6 host sends.</summary>
    public static Gen<FifoWorkload> Generator =>
        from receivers in Gen.Choose(1, 3)
        from forwarders in Gen.Choose(0, 2)
        let send = Send(receivers, forwarders)
        from hostCount in Gen.Choose(0, 6)
        from host in Gen.ArrayOf(send, hostCount)
        from senderCount in Gen.Choose(1, 4)
        from senders in Gen.ArrayOf(Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(send, n)), senderCount)
        select new FifoWorkload(receivers, forwarders, host, senders);

    /// <summary>Generated workloads, shrunk by dropping sends.</summary>
    public static Arbitrary<FifoWorkload> Arbitrary => Arb.From(Generator, Shrinks);

    private static Gen<FifoSend> Send(int receivers, int forwarders) =>
        from receiver in Gen.Choose(0, receivers - 1)
        from hops in forwarders == 0 ? Gen.Constant(0) : Gen.Frequency((2, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
        from route in Gen.ArrayOf(Gen.Choose(0, Math.Max(0, forwarders - 1)), hops)
        from yields in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new FifoSend(receiver, route, yields);

    /// <summary>The same workload with a sender, or one send (or half of a script), fewer.</summary>
    public static IEnumerable<FifoWorkload> Shrinks(FifoWorkload w) =>
        (w.Senders.Length > 1 ? Shrink.Remove(w.Senders).Select(s => w with { Senders = s }) : [])
            .Concat(Shrink.Remove(w.HostSends).Select(h => w with { HostSends = h }))
            .Concat(Shrink.RemoveInner(w.Senders).Select(s => w with { Senders = s }));

    /// <summary>Total number of messages that reach a receiver.</summary>
    public int MessageCount => HostSends.Length + Senders.Sum(s => s.Length);

    /// <inheritdoc />
    public override string ToString() =>
        $"FIFO(receivers={Receivers}, forwarders={Forwarders}, host=[{string.Join(' ', (object[])HostSends)}], "
        + string.Join(", ", Senders.Select((s, i) => $"s{i}=[{string.Join(' ', (object[])s)}]")) + ")";
}
