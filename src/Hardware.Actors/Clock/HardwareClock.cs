using MachActors.Actors;

namespace MachActors.Hardware.Clock;

/// <summary>
/// The hardware clock: a periodic virtual-time timer that interrupts every CPU once per tick
/// (<see cref="MachineConfig.TickPeriod"/>), in CPU order.
/// </summary>
public sealed class HardwareClock(MachineConfig config, IReadOnlyList<IActorRef> cpus) : Actor
{
    private long _tick;

    /// <summary>Starts ticking one period after boot.</summary>
    protected override void PreStart() => Context.Timers.StartPeriodicTimer("tick", Tick.Instance, config.TickPeriod);

    /// <summary>
    /// Tick (its own timer): counts the tick and sends <see cref="ClockInterrupt"/> to every CPU.
    /// Preconditions: none. Replies: none.
    /// </summary>
    protected override void OnReceive(object message)
    {
        if (message is not Tick)
        {
            Unhandled(message);
            return;
        }
        _tick++;
        var interrupt = new ClockInterrupt(_tick);
        foreach (var cpu in cpus) cpu.Tell(interrupt, Self);
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}
