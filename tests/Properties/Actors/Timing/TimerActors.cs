using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Tests.Properties.Actors.Dispatch;

namespace MachActors.Tests.Properties.Actors.Timing;

/// <summary>Timer <paramref name="Key"/>'s message.</summary>
public sealed record Fired(int Key);

/// <summary>Host to owner: cancel timer <paramref name="Key"/>.</summary>
public sealed record CancelTimer(int Key);

/// <summary>Mail racing with the timers: bounced back and forth <paramref name="Left"/> more times.</summary>
public sealed record Bounce(int Left);

/// <summary>A handled timer message: which timer, and the virtual time (ms) it was handled at.</summary>
public readonly record struct Handled(int Key, long At)
{
    /// <inheritdoc />
    public override string ToString() => $"t{Key}@{At}";
}

/// <summary>What an owner saw: when it started its timers (ms) and the timer messages it handled.</summary>
public sealed class OwnerLog
{
    /// <summary>Virtual time (ms) of the owner's PreStart; 0 unless timers fired early before it ran.</summary>
    public long StartedAt { get; set; } = -1;

    /// <summary>The timer messages handled, in order.</summary>
    public List<Handled> Handled { get; } = [];

    /// <summary>A copy.</summary>
    public OwnerLog Snapshot()
    {
        var copy = new OwnerLog { StartedAt = StartedAt };
        copy.Handled.AddRange(Handled);
        return copy;
    }
}

/// <summary>Starts its timers in PreStart; logs every timer message; answers and sends bounces.</summary>
public sealed class TimerOwner(TimerSpec[] timers, int bounces, IActorRef bouncer, OwnerLog log) : Actor
{
    /// <inheritdoc />
    protected override void PreStart()
    {
        log.StartedAt = Context.Now.Nanoseconds / 1_000_000;
        for (var key = 0; key < timers.Length; key++)
        {
            var t = timers[key];
            if (t.Period == 0) Context.Timers.StartSingleTimer(key, new Fired(key), Duration.FromMilliseconds(t.Delay));
            else Context.Timers.StartPeriodicTimer(key, new Fired(key), Duration.FromMilliseconds(t.Delay), Duration.FromMilliseconds(t.Period));
        }
    }

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Fired f:
                log.Handled.Add(new Handled(f.Key, Context.Now.Nanoseconds / 1_000_000));
                Assert.True(Context.Now.Nanoseconds % 1_000_000 == 0, $"timer {f.Key} handled at {Context.Now}, between milliseconds");
                if (bounces > 0) bouncer.Tell(new Bounce(bounces), Self);
                break;
            case CancelTimer c: Context.Timers.Cancel(c.Key); break;
            case Bounce { Left: > 0 } b: Sender.Tell(new Bounce(b.Left - 1), Self); break;
            case Bounce: break;
            default: Unhandled(message); break;
        }
    }
}

/// <summary>Returns every bounce to its sender until it is spent.</summary>
public sealed class Bouncer : Actor
{
    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        if (message is Bounce b) { if (b.Left > 0) Sender.Tell(new Bounce(b.Left - 1), Self); }
        else Unhandled(message);
    }
}

/// <summary>Runs a <see cref="TimerWorkload"/>: to each cancellation instant, cancels, and on to the horizon.</summary>
public static class TimerRun
{
    /// <summary>Returns, per owner, when it started and the timer messages it handled, in order.</summary>
    public static OwnerLog[] Run(TimerWorkload workload, RunMode mode)
    {
        using var system = mode.CreateSystem();
        var bouncer = system.Spawn(Props.Create<Bouncer>(), "bouncer");
        var logs = workload.Owners.Select(_ => new OwnerLog()).ToArray();
        var owners = workload.Owners.Select((timers, i) =>
            system.Spawn(Props.Create(() => new TimerOwner(timers, workload.Bounces, bouncer, logs[i])), "o" + i)).ToArray();
        foreach (var at in workload.CancelTimes.Append(TimerWorkload.Horizon))
        {
            system.RunFor(Duration.FromMilliseconds(at) - system.Now.SinceBoot, maxSteps: 1_000_000);
            Assert.Equal(Duration.FromMilliseconds(at).Nanoseconds, system.Now.Nanoseconds);
            for (var o = 0; o < owners.Length; o++)
            {
                for (var key = 0; key < workload.Owners[o].Length; key++)
                {
                    if (workload.Owners[o][key].CancelAt == at) owners[o].Tell(new CancelTimer(key), null);
                }
            }
        }
        SystemAssert.Clean(system);
        // A copy: terminating the system may still deliver (with early timers, even fire) timer messages.
        return [.. logs.Select(log => log.Snapshot())];
    }
}
