using MachActors.Actors;
using MachActors.Actors.Timing;

namespace MachActors.Tests.Coyote.ClockInterrupt;

/// <summary>
/// A kernel performs a few context switches at t=0 while the CPU's clock ticks every 1ms; the
/// system runs for 3ms. Every switch happens at t=0, so under discrete-event time (timers fire
/// only when the current instant has no more mail) the first tick at 1ms always finds a thread:
/// the race needs a strategy that lets a future timer fire early.
/// </summary>
public static class ContextSwitchScenario
{
    /// <summary>The clock period.</summary>
    public static readonly Duration Tick = Duration.FromMilliseconds(1);

    /// <summary>Context switches the kernel performs.</summary>
    public const int Switches = 3;

    /// <summary>Sets up the CPU and the kernel and runs 3 ticks of virtual time; the CPU asserts the invariant itself.</summary>
    public static string? Run(ActorSystem system)
    {
        var cpu = system.Spawn(Props.Create(() => new Cpu(Tick)), "cpu");
        system.Spawn(Props.Create(() => new Kernel(cpu, Switches)), "kernel");
        system.RunFor(Tick * 3);
        return null;
    }
}
