using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Tests.Coyote.Harness;

namespace MachActors.Tests.Coyote.ClockInterrupt;

/// <summary>
/// A CPU with a periodic clock interrupt that charges the tick to the running thread. The seeded
/// bug: a context switch is two messages (Unload, then Load), and the interrupt handler assumes a
/// thread is always on the CPU. An interrupt between the two finds none.
/// </summary>
public sealed class Cpu(Duration tick) : Actor
{
    private string? _current = "thread-0";

    /// <summary>Starts the clock: a ClockTick every <c>tick</c> of virtual time.</summary>
    protected override void PreStart() => Context.Timers.StartPeriodicTimer("clock", ClockTick.Instance, tick);

    /// <summary>
    /// ClockTick: asserts a thread is on the CPU (throws <see cref="SafetyViolation"/> otherwise).
    /// Unload: clears the current thread, replies Unloaded(thread). Load(t): runs t, replies Loaded(t).
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ClockTick when _current is null:
                throw new SafetyViolation($"clock interrupt at {Context.Now} found no thread on the CPU (mid context switch)");
            case ClockTick:
                break;
            case Unload:
                Sender.Tell(new Unloaded(_current ?? "none"), Self);
                _current = null;
                break;
            case Load load:
                _current = load.Thread;
                Sender.Tell(new Loaded(load.Thread), Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
