using MachActors.Hardware.Cpu;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.Kern.SchedulerHarness;

namespace MachActors.Tests.Unit.Kernel.Kern;

public sealed class ProcessorSetSchedulerMigrationTests
{
    private static readonly SurrenderReason Preempt = SurrenderReason.Preempted.Instance;
    private readonly FakeRef _elsewhere = new("other-set");

    [Fact]
    public void ReleaseCpu_IdleCpu_LeavesAtOnce()
    {
        var h = new SchedulerHarness(cpus: 2);

        h.Scheduler.ReleaseCpu(1, _elsewhere);

        Assert.Equal([new CpuLeft(1, _elsewhere)], h.Take());
        Assert.Equal([0], h.Scheduler.Cpus);
        h.Adopt(1);
        h.Adopt(2);
        Assert.Equal([new Ran(0, 1)], h.Take()); // the second waits: cpu1 is gone
    }

    [Fact]
    public void ReleaseCpu_BusyCpu_LeavesOnceItsThreadIsOffAndTheThreadRunsElsewhere()
    {
        var h = new SchedulerHarness(cpus: 2);
        var t1 = h.Adopt(1);
        var t2 = h.Adopt(2);
        h.Take();

        h.Scheduler.ReleaseCpu(1, _elsewhere);
        var asked = h.Take();
        h.Surrender(t1, new SurrenderReason.Exited(null));
        h.Take();
        h.Surrender(t2, Preempt);

        Assert.Equal([new Preempted(1, 2, Preempt)], asked);
        Assert.Equal([new Ran(0, 2), new CpuLeft(1, _elsewhere)], h.Take());
        Assert.Equal([0], h.Scheduler.Cpus);
    }

    [Fact]
    public void ReleaseCpu_WithBoundThreads_TheyBecomeUnbound()
    {
        var h = new SchedulerHarness(cpus: 2);
        h.Adopt(1, 6);
        h.Adopt(2, 6);
        var bound = h.Adopt(3);
        h.Scheduler.Bind(3, 1);
        h.Take();

        h.Scheduler.ReleaseCpu(1, _elsewhere);
        h.Surrender(h.Scheduler.Find(2)!, Preempt);

        Assert.Null(bound.BoundCpu);
        Assert.NotNull(bound.Queue);
    }

    [Fact]
    public void ReleaseCpu_BeforeTheCpuArrived_PassesItOnWhenItArrives()
    {
        var h = new SchedulerHarness(cpus: 1);
        h.Adopt(1);
        h.Adopt(2);
        h.Take();

        h.Scheduler.ReleaseCpu(4, _elsewhere); // processor_assign raced the CPU's CpuWantsWork (at boot, or a quick second assign)
        var early = h.Take();
        h.Scheduler.AddCpu(4);

        Assert.Empty(early);
        Assert.Equal([new CpuLeft(4, _elsewhere)], h.Take());
        Assert.Equal([0], h.Scheduler.Cpus);
    }

    [Fact]
    public void AddCpu_ArrivingCpu_TakesQueuedWork()
    {
        var h = new SchedulerHarness(cpus: 1);
        h.Adopt(1);
        h.Adopt(2);
        h.Take();

        h.Scheduler.AddCpu(5);

        Assert.Equal([new Ran(5, 2)], h.Take());
    }

    [Fact]
    public void Assign_QueuedThread_MigratesAtOnceAndLeavesAForwardingAddress()
    {
        var h = new SchedulerHarness(cpus: 1);
        h.Adopt(1);
        var t2 = h.Adopt(2);
        h.Take();

        Assert.Equal(KernReturn.Success, h.Scheduler.Assign(2, _elsewhere));

        Assert.Equal([new Migrated(2, _elsewhere)], h.Take());
        Assert.Null(t2.Queue);
        Assert.Null(h.Scheduler.Find(2));
        Assert.Same(_elsewhere, h.Scheduler.Forwarded[2]);
        Assert.False(h.Scheduler.Wake(2, new WaitChannel(_elsewhere, "w"), null));
    }

    [Fact]
    public void Assign_RunningThread_MigratesWhenItsCpuGivesItBack()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        h.Adopt(2);
        h.Take();

        h.Scheduler.Assign(1, _elsewhere);
        var asked = h.Take();
        h.Surrender(t1, SurrenderReason.Migrating.Instance);

        Assert.Equal([new Preempted(0, 1, SurrenderReason.Migrating.Instance)], asked);
        Assert.Equal([new Migrated(1, _elsewhere), new Ran(0, 2)], h.Take());
        Assert.Equal(1, h.Scheduler.ThreadCount);
    }

    [Fact]
    public void Assign_RunningThreadThatBlocksFirst_MigratesWaiting()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        h.Scheduler.Assign(1, _elsewhere);
        h.Take();

        h.Block(t1);

        Assert.Equal([new Migrated(1, _elsewhere)], h.Take());
        Assert.True(t1.Waiting);
    }

    [Fact]
    public void Assign_BoundThread_IsUnbound()
    {
        var h = new SchedulerHarness(cpus: 1);
        h.Adopt(1);
        var t2 = h.Adopt(2);
        h.Scheduler.Bind(2, 0);

        h.Scheduler.Assign(2, _elsewhere);

        Assert.Null(t2.BoundCpu);
    }

    [Fact]
    public void Adopt_MigratedThread_RunsInTheNewSetWithItsState()
    {
        var from = new SchedulerHarness(cpus: 1);
        var to = new SchedulerHarness(cpus: 1, setId: 1);
        from.Adopt(1);
        var t2 = from.Adopt(2, 14);
        from.Scheduler.Assign(2, _elsewhere);

        to.Scheduler.Adopt(t2);

        Assert.Equal([new Ran(0, 2)], to.Take());
        Assert.Equal(14, t2.BasePriority);
    }

    [Fact]
    public void Adopt_ThreadComingBack_ForgetsItsForwardingAddress()
    {
        var h = new SchedulerHarness(cpus: 1);
        h.Adopt(1);
        var t2 = h.Adopt(2);
        h.Scheduler.Assign(2, _elsewhere);

        h.Scheduler.Adopt(t2);

        Assert.False(h.Scheduler.Forwarded.ContainsKey(2), "a thread back in the set still has a forwarding address; once it ends, its stale wakeups and calls would be forwarded away (and, between two sets it visited, back and forth for ever)");
    }
}
