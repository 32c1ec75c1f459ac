using FsCheck;
using FsCheck.Fluent;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Actors.Timing;

/// <summary>
/// One keyed timer, started in its owner's PreStart (at time 0, unless an early timer moved the clock first): single after <paramref name="Delay"/> ms,
/// or periodic (first after <paramref name="Delay"/>, then every <paramref name="Period"/> ms);
/// cancelled at <paramref name="CancelAt"/> ms (after everything due then was handled), 0 for never.
/// </summary>
public sealed record TimerSpec(int Delay, int Period, int CancelAt)
{
    /// <inheritdoc />
    public override string ToString() =>
        "@" + Delay + (Period > 0 ? "/" + Period : "") + (CancelAt > 0 ? "x" + CancelAt : "");
}

/// <summary>A timer firing the model expects: timer <paramref name="Key"/> due at <paramref name="Due"/> ms.</summary>
public readonly record struct Firing(int Key, long Due)
{
    /// <inheritdoc />
    public override string ToString() => $"t{Key}@{Due}";
}

/// <summary>
/// Timer actors, each with a few timers, and a bouncer that turns every firing into
/// <see cref="Bounces"/> round trips of mail at that same instant.
/// </summary>
public sealed record TimerWorkload(TimerSpec[][] Owners, int Bounces)
{
    /// <summary>Virtual time the workload runs for, in ms.</summary>
    public const int Horizon = 100;

    /// <summary>1-3 owners with 1-5 timers each (delay 0-40 ms, a third periodic, a third cancelled); 0-3 bounces.</summary>
    public static Gen<TimerWorkload> Generator =>
        from owners in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 5).SelectMany(k => Gen.ArrayOf(Spec, k)), n))
        from bounces in Gen.Choose(0, 3)
        select new TimerWorkload(owners, bounces);

    /// <summary>Generated workloads, shrunk by dropping timers.</summary>
    public static Arbitrary<TimerWorkload> Arbitrary => Arb.From(Generator, w =>
        Shrink.RemoveInner(w.Owners).Select(o => w with { Owners = o })
            .Concat(w.Bounces > 0 ? [w with { Bounces = 0 }] : []));

    private static Gen<TimerSpec> Spec =>
        from delay in Gen.Choose(0, 40)
        from period in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(5, 30)))
        from cancelAt in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, Horizon)))
        select new TimerSpec(delay, period, cancelAt);

    /// <summary>The instants at which the host cancels something, in order.</summary>
    public IEnumerable<int> CancelTimes => Owners.SelectMany(o => o.Select(t => t.CancelAt)).Where(c => c > 0).Distinct().Order();

    /// <summary>
    /// The reference model: the firings owner <paramref name="owner"/>, started at
    /// <paramref name="startedAt"/> ms, must handle, in order. Timers
    /// sit in a queue ordered by (due, order of arming); a periodic one is re-armed, last, each
    /// time it fires; nothing due after the horizon or after its cancellation fires.
    /// </summary>
    public IReadOnlyList<Firing> Expected(int owner, long startedAt)
    {
        var specs = Owners[owner];
        var queue = new PriorityQueue<int, (long Due, long Armed)>();
        long armed = 0;
        for (var key = 0; key < specs.Length; key++) queue.Enqueue(key, (startedAt + specs[key].Delay, armed++));
        var firings = new List<Firing>();
        while (queue.TryDequeue(out var key, out var at) && at.Due <= Horizon)
        {
            var spec = specs[key];
            if (spec.CancelAt > 0 && at.Due > spec.CancelAt) continue;
            firings.Add(new Firing(key, at.Due));
            if (spec.Period > 0) queue.Enqueue(key, (at.Due + spec.Period, armed++));
        }
        return firings;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Timers(bounces={Bounces}, " + string.Join(", ", Owners.Select((o, i) => $"o{i}=[{string.Join(' ', (object[])o)}]")) + ")";
}
