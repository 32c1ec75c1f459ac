using MachActors.Hardware.Clock;
using MachActors.Hardware.Cpu;

namespace MachActors.Tests.Unit.Hardware.Cpu;

public sealed class CpuComputeTests : CpuTestBase
{
    [Fact]
    public void Compute_Cycles_TakesExactlyCyclesOverHzOfVirtualTime()
    {
        var cpu = SpawnCpu();
        var thread = Computing(3 * CyclesPerMs);

        cpu.Tell(new RunThread(thread));

        var (s, exited) = ExpectSurrender<SurrenderReason.Exited>(thread);
        Assert.Equal(At(Ms(3)), Now);
        Assert.Equal(Ms(3), s.Ran);
        Assert.Equal("done", exited.Result);
        Assert.Equal(0, s.Cpu);
    }

    [Fact]
    public void Compute_SeveralSegments_TimesAddUp()
    {
        var cpu = SpawnCpu();
        var thread = ExecutionKit.Of(async x =>
        {
            await x.Compute(CyclesPerMs);
            await x.Compute(2 * CyclesPerMs);
            await x.Compute(CyclesPerMs / 2);
        });

        cpu.Tell(new RunThread(thread));

        ExpectSurrender<SurrenderReason.Exited>(thread);
        Assert.Equal(At(Duration.FromMicroseconds(3_500)), Now);
    }

    [Fact]
    public void Compute_ZeroCycles_StillTakesOneCycle()
    {
        var cpu = SpawnCpu();
        var thread = Computing(0);

        cpu.Tell(new RunThread(thread));

        ExpectSurrender<SurrenderReason.Exited>(thread);
        Assert.Equal(At(Duration.FromNanoseconds(40)), Now);
    }

    [Fact]
    public void Preempt_MidCompute_SavesTheRemainingCycles()
    {
        var cpu = SpawnCpu();
        var thread = Computing(10 * CyclesPerMs);
        cpu.Tell(new RunThread(thread));
        Sys.RunFor(Ms(4));

        cpu.Tell(new PreemptThread(thread.ThreadId, SurrenderReason.Preempted.Instance));

        var (s, _) = ExpectSurrender<SurrenderReason.Preempted>(thread);
        Assert.Equal(Ms(4), s.Ran);
        Assert.Equal(6 * CyclesPerMs, thread.RemainingCycles);
        Assert.False(thread.IsDead);
    }

    [Fact]
    public void RunThread_PreemptedThreadLater_FinishesAfterItsRemainingCycles()
    {
        var cpu = SpawnCpu();
        var thread = Computing(10 * CyclesPerMs);
        cpu.Tell(new RunThread(thread));
        Sys.RunFor(Ms(4));
        cpu.Tell(new PreemptThread(thread.ThreadId, SurrenderReason.Preempted.Instance));
        ExpectSurrender<SurrenderReason.Preempted>(thread);
        Sys.RunFor(Ms(5)); // idle until 9 ms

        cpu.Tell(new RunThread(thread));

        var (s, _) = ExpectSurrender<SurrenderReason.Exited>(thread);
        Assert.Equal(At(Ms(15)), Now);
        Assert.Equal(Ms(6), s.Ran);
    }

    [Fact]
    public void Preempt_OtherThreadId_IsIgnoredAsStale()
    {
        var cpu = SpawnCpu();
        var thread = Computing(2 * CyclesPerMs);
        cpu.Tell(new RunThread(thread));
        Sys.RunFor(Ms(1));

        cpu.Tell(new PreemptThread(99, SurrenderReason.Preempted.Instance));

        ExpectSurrender<SurrenderReason.Exited>(thread);
        Assert.Equal(At(Ms(2)), Now);
    }

    [Fact]
    public void Preempt_WhileIdle_IsIgnored()
    {
        var cpu = SpawnCpu();

        cpu.Tell(new PreemptThread(1, SurrenderReason.Preempted.Instance));

        Scheduler.ExpectNoMsg(Ms(5));
        Assert.Equal(0, Sys.FailureCount);
    }

    [Fact]
    public void Yield_Trap_SurrendersWithTheHintAndChargesTheTrapLater()
    {
        var cpu = SpawnCpu();
        var thread = ExecutionKit.Of(async x =>
        {
            await x.Yield(7);
            await x.Compute(CyclesPerMs);
        });

        cpu.Tell(new RunThread(thread));

        var (_, yield) = ExpectSurrender<SurrenderReason.Yield>(thread);
        Assert.Equal(7, yield.HandoffThreadId);
        Assert.Equal(At(Duration.Zero), Now);
        cpu.Tell(new RunThread(thread));
        ExpectSurrender<SurrenderReason.Exited>(thread);
        Assert.Equal(At(Ms(1) + TrapTime), Now);
    }

    [Fact]
    public void Exit_Trap_SurrendersExitedWithTheResultAndKillsTheThread()
    {
        var after = false;
        var cpu = SpawnCpu();
        var thread = ExecutionKit.Of(async x =>
        {
            await x.Exit(5);
            after = true;
        });

        cpu.Tell(new RunThread(thread));

        var (_, exited) = ExpectSurrender<SurrenderReason.Exited>(thread);
        Assert.Equal(5, exited.Result);
        Assert.True(thread.IsDead);
        Assert.False(after);
    }

    [Fact]
    public void RunThread_ProgramThrows_SurrendersFaulted()
    {
        var cpu = SpawnCpu();
        var thread = ExecutionKit.Of(async x =>
        {
            await x.Compute(CyclesPerMs);
            throw new InvalidOperationException("bad program");
        });

        cpu.Tell(new RunThread(thread));

        var (_, faulted) = ExpectSurrender<SurrenderReason.Faulted>(thread);
        Assert.Equal("bad program", faulted.Error.Message);
        Assert.Equal(0, Sys.FailureCount);
    }

    [Fact]
    public void ClockInterrupt_WhileRunning_ReportsCpuTickedWithTheTimeSinceTheLastReport()
    {
        var cpu = SpawnCpu();
        var thread = Computing(10 * CyclesPerMs);
        cpu.Tell(new RunThread(thread));

        Sys.RunFor(Ms(3));
        cpu.Tell(new ClockInterrupt(1));
        var first = Scheduler.ExpectMsg<CpuTicked>();
        Sys.RunFor(Ms(2));
        cpu.Tell(new ClockInterrupt(2));
        var second = Scheduler.ExpectMsg<CpuTicked>();

        Assert.Equal(new CpuTicked(0, thread.ThreadId, 1, Ms(3)), first);
        Assert.Equal(new CpuTicked(0, thread.ThreadId, 2, Ms(2)), second);
        var (s, _) = ExpectSurrender<SurrenderReason.Exited>(thread);
        Assert.Equal(Ms(5), s.Ran); // what the ticks did not report
    }

    [Fact]
    public void ClockInterrupt_WhileIdle_ReportsNothing()
    {
        var cpu = SpawnCpu();

        cpu.Tell(new ClockInterrupt(1));

        Scheduler.ExpectNoMsg(Ms(1));
    }

    [Fact]
    public void GetCpuStats_AfterWork_BusyPlusIdleIsTheElapsedTime()
    {
        var cpu = SpawnCpu();
        Sys.RunFor(Ms(2));
        var a = Computing(3 * CyclesPerMs, id: 1);
        cpu.Tell(new RunThread(a));
        ExpectSurrender<SurrenderReason.Exited>(a);
        Sys.RunFor(Ms(1));
        var b = Computing(CyclesPerMs, id: 2);
        cpu.Tell(new RunThread(b));
        Sys.RunFor(Duration.FromMicroseconds(500));

        var stats = Stats(cpu);

        Assert.Equal(Now - VirtualTime.Zero, stats.Busy + stats.Idle);
        Assert.Equal(Duration.FromMicroseconds(3_500), stats.Busy);
        Assert.Equal(Ms(3), stats.Idle);
        Assert.Equal(Ms(3), stats.ByThread[1]);
        Assert.Equal(Duration.FromMicroseconds(500), stats.ByThread[2]);
        Assert.Equal(2, stats.CurrentThread);
        Assert.Equal(2, stats.ContextSwitches);
        Assert.Equal(2, stats.Traps); // one compute trap each so far
        Assert.Equal(3_500.0 / 6_500.0, stats.Utilisation, 9);
    }

    [Fact]
    public void GetCpuStats_AtBoot_AllZero()
    {
        var cpu = SpawnCpu();

        var stats = Stats(cpu);

        Assert.Equal(Duration.Zero, stats.Busy);
        Assert.Equal(Duration.Zero, stats.Idle);
        Assert.Equal(0, stats.Utilisation);
        Assert.Null(stats.CurrentThread);
    }

    [Fact]
    public void RunThread_WhileBusy_IsABugTheCpuFailsOn()
    {
        var cpu = SpawnCpu();
        var failures = CreateTestProbe();
        Sys.EventStream.Subscribe(failures.Ref, typeof(ActorFailed));
        cpu.Tell(new RunThread(Computing(CyclesPerMs, id: 1)));

        cpu.Tell(new RunThread(Computing(CyclesPerMs, id: 2)));

        var failed = failures.ExpectMsg<ActorFailed>();
        Assert.IsType<InvalidOperationException>(failed.Cause);
        Assert.Contains("while running", failed.Cause.Message);
        Assert.Equal(1, Sys.FailureCount);
    }
}
