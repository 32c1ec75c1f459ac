using MachActors.Hardware;
using MachActors.Hardware.Cpu;
using MachActors.Hardware.Execution;
using CpuActor = MachActors.Hardware.Cpu.Cpu;

namespace MachActors.Tests.Unit.Hardware.Cpu;

/// <summary>
/// A lone <see cref="CpuActor"/> whose scheduler is a probe: tests send RunThread themselves and read
/// what the CPU reports. The default configuration: 25 MHz (40 ns a cycle), traps of 100 cycles.
/// </summary>
public abstract class CpuTestBase : global::MachActors.Actors.TestKit.TestKit
{
    /// <summary>Cycles in one millisecond at 25 MHz.</summary>
    protected const long CyclesPerMs = 25_000;

    protected CpuTestBase()
    {
        Scheduler = CreateTestProbe("scheduler");
        Server = CreateTestProbe("server");
    }

    protected MachineConfig Config { get; } = new() { CpuCount = 1 };

    /// <summary>Plays the processor set.</summary>
    protected TestProbe Scheduler { get; }

    /// <summary>Plays a kernel object that serves calls.</summary>
    protected TestProbe Server { get; }

    protected static Duration Ms(long n) => Duration.FromMilliseconds(n);

    protected static VirtualTime At(Duration d) => VirtualTime.Zero + d;

    /// <summary>The time the default trap costs.</summary>
    protected Duration TrapTime => Config.CyclesToDuration(Config.TrapCycles);

    /// <summary>Spawns CPU 0 and attaches the scheduler probe (taking its CpuWantsWork).</summary>
    protected IActorRef SpawnCpu()
    {
        var cpu = Sys.Spawn(Props.Create(() => new CpuActor(0, Config)), "cpu0");
        cpu.Tell(new AttachScheduler(Scheduler.Ref));
        Assert.Equal(0, Scheduler.ExpectMsg<CpuWantsWork>().Cpu);
        return cpu;
    }

    /// <summary>Expects the CPU to give <paramref name="thread"/> back for a reason of type <typeparamref name="TReason"/>.</summary>
    protected (ThreadSurrendered Surrender, TReason Reason) ExpectSurrender<TReason>(ThreadExecution thread) where TReason : SurrenderReason
    {
        var s = Scheduler.ExpectMsg<ThreadSurrendered>();
        Assert.Same(thread, s.Thread);
        return (s, Assert.IsType<TReason>(s.Reason));
    }

    /// <summary>The CPU's accounting now.</summary>
    protected CpuStats Stats(IActorRef cpu) => cpu.Ask<CpuStats>(GetCpuStats.Instance).GetAwaiter().GetResult();

    /// <summary>A thread that computes <paramref name="cycles"/> then returns "done".</summary>
    protected static ThreadExecution Computing(long cycles, long id = 1) =>
        ExecutionKit.Returning(async x =>
        {
            await x.Compute(cycles);
            return "done";
        }, id, "c" + id);
}
