using MachActors.Hardware.Cpu;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.Kern.SchedulerHarness;

namespace MachActors.Tests.Unit.Kernel.Kern;

public sealed class ProcessorSetSchedulerDispatchTests
{
    private static readonly SurrenderReason Exit = new SurrenderReason.Exited(null);

    [Fact]
    public void Adopt_IdleCpus_EachNewThreadGoesStraightToTheFirstIdleCpu()
    {
        var h = new SchedulerHarness(cpus: 2);

        h.Adopt(1);
        h.Adopt(2);
        h.Adopt(3);

        Assert.Equal([new Ran(0, 1), new Ran(1, 2)], h.Take());
        Assert.Equal(3, h.Scheduler.RunnableCount);
        Assert.Equal(ThreadRunState.Runnable, ProcessorSetScheduler.StateOf(h.Scheduler.Find(3)!));
    }

    [Fact]
    public void OnSurrender_QueuedThreadsOfSeveralPriorities_DispatchedBestFirstFifoWithinALevel()
    {
        var h = new SchedulerHarness(cpus: 1);
        var first = h.Adopt(1, priority: 6);
        var threads = new[] { h.Adopt(2, 20), h.Adopt(3, 8), h.Adopt(4, 15), h.Adopt(5, 8) };
        Assert.Equal([new Ran(0, 1)], h.Take()); // nobody beats priority 6: no preemption

        var order = new List<long>();
        var running = first;
        for (var i = 0; i < 4; i++)
        {
            h.Surrender(running, Exit);
            var run = Assert.IsType<Ran>(h.Take().Last());
            order.Add(run.Thread);
            running = threads.Single(t => t.Id == run.Thread);
        }

        Assert.Equal([3, 5, 4, 2], order);
        Assert.All(h.Dispatches.Skip(1), d => Assert.False(d.FromLocalQueue));
    }

    [Fact]
    public void OnSurrender_LastThreadExits_CpuGoesIdleAndTakesTheNextArrivalDirectly()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        h.Take();

        h.Surrender(t1, Exit);
        var effects = h.Take();
        h.Adopt(2);

        Assert.Equal([new Ended(1, Exit)], effects);
        Assert.Equal([new Ran(0, 2)], h.Take());
    }

    [Fact]
    public void SetRun_BetterThreadArrives_PreemptsTheCpuRunningTheWorstThread()
    {
        var h = new SchedulerHarness(cpus: 3);
        h.Adopt(1, 10);
        var worst = h.Adopt(2, 14);
        h.Adopt(3, 12);
        h.Take();

        h.Adopt(4, 8);

        Assert.Equal([new Preempted(1, 2, SurrenderReason.Preempted.Instance)], h.Take());
        h.Surrender(worst, SurrenderReason.Preempted.Instance);
        Assert.Equal([new Ran(1, 4)], h.Take());
        Assert.NotNull(h.Scheduler.Find(2)!.Queue);
    }

    [Fact]
    public void SetRun_ArrivalNoBetterThanAnyRunningThread_IsQueuedWithoutPreemption()
    {
        var h = new SchedulerHarness(cpus: 2);
        h.Adopt(1, 10);
        h.Adopt(2, 14);
        h.Take();

        h.Adopt(3, 14);
        h.Adopt(4, 20);

        Assert.Empty(h.Take());
    }

    [Fact]
    public void SetRun_TwoBetterArrivals_PreemptOnlyOnceEachCpu()
    {
        var h = new SchedulerHarness(cpus: 2);
        h.Adopt(1, 10);
        h.Adopt(2, 14);
        h.Take();

        h.Adopt(3, 8);
        h.Adopt(4, 8);

        Assert.Equal(
            [new Preempted(1, 2, SurrenderReason.Preempted.Instance), new Preempted(0, 1, SurrenderReason.Preempted.Instance)],
            h.Take());
    }

    [Fact]
    public void OnTick_QuantumEndsWithAnEqualPriorityWaiter_PreemptsAtTheQuantum()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        var quantum = t1.QuantumLeft;
        h.Adopt(2);
        h.Take();

        h.Tick(t1, quantum - 1);
        Assert.Empty(h.Take());
        h.Tick(t1);

        Assert.Equal(2 * h.Scheduler.MinQuantum, quantum); // alone on the CPU: the quantum is doubled
        Assert.Equal([new Preempted(0, 1, SurrenderReason.Preempted.Instance)], h.Take());
    }

    [Fact]
    public void OnTick_QuantumEndsWithNobodyWaiting_RenewsTheQuantum()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        var quantum = t1.QuantumLeft;

        h.Tick(t1, quantum * 3);

        Assert.Empty(h.Take().OfType<Preempted>());
        Assert.Equal(quantum, t1.QuantumLeft);
    }

    [Fact]
    public void OnTick_QuantumEndsWithOnlyWorseWaiters_RenewsTheQuantum()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1, 10);
        h.Adopt(2, 20);
        h.Take();

        h.Tick(t1, 50);

        Assert.Empty(h.Take());
    }

    [Fact]
    public void OnTick_QuantumWithAWaiterAtDispatch_IsTheMinimumQuantum()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        h.Adopt(2);
        h.Tick(t1, t1.QuantumLeft);
        h.Surrender(t1, SurrenderReason.Preempted.Instance);

        var t2 = h.Scheduler.Find(2)!;

        Assert.Equal(0, t2.Cpu);
        Assert.Equal(h.Scheduler.MinQuantum, t2.QuantumLeft);
    }

    [Fact]
    public void OnTick_TenTicksOfUsageAlone_AgesThePriorityOneLevel()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);

        h.Tick(t1, 9, h.Config.TickPeriod);
        var before = t1.SchedPriority;
        h.Tick(t1, 1, h.Config.TickPeriod);

        Assert.Equal(SchedConstants.BasePriorityUser, before);
        Assert.Equal(SchedConstants.BasePriorityUser + 1, t1.SchedPriority);
        Assert.Equal(h.Config.TickPeriod * 10, t1.CpuTime);
    }

    [Fact]
    public void OnTick_FixedPriorityPolicy_KeepsTheBasePriority()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        Assert.Equal(KernReturn.Success, h.Scheduler.SetPolicy(1, SchedPolicy.FixedPriority, 0));

        h.Tick(t1, 100, h.Config.TickPeriod);

        Assert.Equal(SchedConstants.BasePriorityUser, t1.SchedPriority);
    }

    [Fact]
    public void OnTick_StaleThreadOrCpu_IsIgnored()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);

        h.Scheduler.OnTick(0, 99, h.Config.TickPeriod);
        h.Scheduler.OnTick(5, 1, h.Config.TickPeriod);

        Assert.Equal(Duration.Zero, t1.CpuTime);
    }

    [Fact]
    public void PickNext_BoundThreadQueued_TakesTheLocalQueueBeforeABetterGlobalThread()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1, 6);
        h.Adopt(2, 20);
        Assert.Equal(KernReturn.Success, h.Scheduler.Bind(2, 0));
        h.Adopt(3, 8);
        h.Take();

        h.Surrender(t1, Exit);

        Assert.Equal(new Ran(0, 2), h.Take().Last());
        var dispatch = h.Dispatches.Last();
        Assert.True(dispatch.FromLocalQueue);
        Assert.Equal(8, dispatch.BestGlobalQueued);
    }

    [Fact]
    public void SetRun_BoundThreadBetterThanItsCpusThread_PreemptsThatCpuOnly()
    {
        var h = new SchedulerHarness(cpus: 2);
        h.Adopt(1, 10);
        h.Adopt(2, 14);
        var bound = h.Adopt(3, 20);
        h.Scheduler.Bind(3, 0);
        h.Take();

        Assert.Equal(KernReturn.Success, h.Scheduler.SetPriority(3, 8, setMax: false));

        Assert.Equal([new Preempted(0, 1, SurrenderReason.Preempted.Instance)], h.Take());
        Assert.Equal(0, bound.BoundCpu);
    }

    [Fact]
    public void Bind_CpuNotInTheSet_InvalidArgument()
    {
        var h = new SchedulerHarness(cpus: 1);
        h.Adopt(1);

        Assert.Equal(KernReturn.InvalidArgument, h.Scheduler.Bind(1, 3));
        Assert.Equal(KernReturn.InvalidArgument, h.Scheduler.Bind(42, 0));
    }

    [Fact]
    public void Yield_HintNamesAQueuedThread_HandsTheCpuToItWhateverItsPriority()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1, 6);
        h.Adopt(2, 8);
        h.Adopt(3, 20);
        h.Take();

        h.Surrender(t1, new SurrenderReason.Yield(3));

        Assert.Equal([new Ran(0, 3)], h.Take());
        Assert.True(h.Dispatches.Last().Handoff);
        Assert.NotNull(t1.Queue);
    }

    [Fact]
    public void Yield_HintNotQueued_NormalChoice()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1, 12);
        h.Adopt(2, 12);
        h.Take();

        h.Surrender(t1, new SurrenderReason.Yield(99));

        Assert.Equal([new Ran(0, 2)], h.Take());
        Assert.False(h.Dispatches.Last().Handoff);
    }

    [Fact]
    public void Yield_NoOtherThread_RunsTheYielderAgain()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        h.Take();

        h.Surrender(t1, new SurrenderReason.Yield(null));

        Assert.Equal([new Ran(0, 1)], h.Take());
    }

    [Fact]
    public void PickIdleCpu_AffinityOn_PrefersTheIdleCpuTheThreadLastRanOn()
    {
        var h = new SchedulerHarness(cpus: 3, new SchedulerOptions { Affinity = true });
        var t1 = h.Adopt(1);
        var channel = h.Block(t1); // idle: 1, 2, 0
        h.Take();

        h.Scheduler.Wake(1, channel, null);

        Assert.Equal([new Ran(0, 1)], h.Take());
    }

    [Fact]
    public void PickIdleCpu_AffinityOff_TakesTheLongestIdleCpu()
    {
        var h = new SchedulerHarness(cpus: 3);
        var t1 = h.Adopt(1);
        var channel = h.Block(t1);
        h.Take();

        h.Scheduler.Wake(1, channel, null);

        Assert.Equal([new Ran(1, 1)], h.Take());
    }

    [Fact]
    public void OnSurrender_ThreadTheCpuWasNotRunning_Throws()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        var t2 = h.Adopt(2);

        Assert.Throws<InvalidOperationException>(() => h.Scheduler.OnSurrender(0, t2.Execution, Exit, Duration.Zero));
        Assert.Equal(0, t1.Cpu);
    }
}
