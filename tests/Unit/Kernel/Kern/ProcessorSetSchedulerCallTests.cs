using MachActors.Hardware.Cpu;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.Kern.SchedulerHarness;

namespace MachActors.Tests.Unit.Kernel.Kern;

public sealed class ProcessorSetSchedulerCallTests
{
    private static readonly SurrenderReason Suspended = SurrenderReason.Suspended.Instance;

    [Fact]
    public void Wake_BeforeItsCpuGaveTheBlockedThreadBack_IsKeptAndTheThreadRunsOn()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        h.Take();
        var channel = new WaitChannel(new FakeRef("owner"), "early");

        Assert.True(h.Scheduler.Wake(1, channel, "result"));
        Assert.Empty(h.Take());
        h.Surrender(t1, new SurrenderReason.Blocked(channel));

        Assert.Equal([new Ran(0, 1)], h.Take());
        Assert.False(t1.Waiting);
        Assert.False(t1.WakeupPending);
        Assert.Equal("result", t1.Execution.TakeResult<object>());
    }

    [Fact]
    public void Wake_EarlyForAnotherWait_DoesNotWakeTheLaterWait()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        h.Take();

        h.Scheduler.Wake(1, new WaitChannel(new FakeRef("owner"), "old"), "stale");
        var channel = h.Block(t1, "new");

        Assert.Empty(h.Take().OfType<Ran>());
        Assert.True(t1.Waiting);
        Assert.Same(channel, t1.WaitChannel);
    }

    [Fact]
    public void Wake_WaitingOnTheChannel_RunsTheThreadWithTheResult()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        var channel = h.Block(t1);
        Assert.Equal(ThreadRunState.Waiting, ProcessorSetScheduler.StateOf(t1));
        h.Take();

        h.Scheduler.Wake(1, channel, 7);

        Assert.Equal([new Ran(0, 1)], h.Take());
        Assert.Equal(7, t1.Execution.TakeResult<object>());
    }

    [Fact]
    public void Wake_DifferentWaitChannel_IsIgnoredAsStale()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        var channel = h.Block(t1);
        h.Take();

        h.Scheduler.Wake(1, new WaitChannel(channel.Owner, channel.What), "stale");

        Assert.Empty(h.Take());
        Assert.True(t1.Waiting);
        h.Scheduler.Wake(1, channel, "fresh");
        Assert.Equal([new Ran(0, 1)], h.Take());
    }

    [Fact]
    public void Wake_UnknownThread_ReturnsFalse()
    {
        var h = new SchedulerHarness(cpus: 1);

        Assert.False(h.Scheduler.Wake(5, new WaitChannel(new FakeRef("owner"), "w"), null));
    }

    [Fact]
    public void Wake_SuspendedWaiter_StaysStoppedUntilResumed()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        var channel = h.Block(t1);
        h.Scheduler.Suspend(1);
        h.Take();

        h.Scheduler.Wake(1, channel, null);

        Assert.Empty(h.Take());
        Assert.Equal(ThreadRunState.Stopped, ProcessorSetScheduler.StateOf(t1));
        Assert.Equal(KernReturn.Success, h.Scheduler.Resume(1));
        Assert.Equal([new Ran(0, 1)], h.Take());
    }

    [Fact]
    public void Suspend_QueuedThread_LeavesTheQueueUntilResumed()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        var t2 = h.Adopt(2);
        h.Take();

        Assert.Equal(KernReturn.Success, h.Scheduler.Suspend(2));
        h.Surrender(t1, new SurrenderReason.Exited(null));

        Assert.Null(t2.Queue);
        Assert.Empty(h.Take().OfType<Ran>());
        Assert.Equal(KernReturn.Success, h.Scheduler.Resume(2));
        Assert.Equal([new Ran(0, 2)], h.Take());
    }

    [Fact]
    public void Suspend_RunningThread_PreemptsItAsSuspendedAndKeepsItOff()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        h.Take();

        h.Scheduler.Suspend(1);
        var preempt = h.Take();
        h.Surrender(t1, Suspended);

        Assert.Equal([new Preempted(0, 1, Suspended)], preempt);
        Assert.Empty(h.Take());
        Assert.Equal(ThreadRunState.Stopped, ProcessorSetScheduler.StateOf(t1));
        Assert.Equal(1, t1.SuspendCount);
    }

    [Fact]
    public void Resume_SuspendedTwice_NeedsTwoResumes()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        h.Scheduler.Suspend(1);
        h.Scheduler.Suspend(1);
        h.Surrender(t1, Suspended);
        h.Take();

        h.Scheduler.Resume(1);
        var afterOne = h.Take();
        h.Scheduler.Resume(1);

        Assert.Empty(afterOne);
        Assert.Equal([new Ran(0, 1)], h.Take());
    }

    [Fact]
    public void Resume_NotSuspended_Failure()
    {
        var h = new SchedulerHarness(cpus: 1);
        h.Adopt(1);

        Assert.Equal(KernReturn.Failure, h.Scheduler.Resume(1));
        Assert.Equal(KernReturn.InvalidArgument, h.Scheduler.Resume(2));
    }

    [Theory]
    [InlineData(5)] // better than the set's maximum, 6
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(32)]
    public void SetPriority_OutOfRangeOrBetterThanMax_InvalidArgument(int priority)
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);

        Assert.Equal(KernReturn.InvalidArgument, h.Scheduler.SetPriority(1, priority, setMax: false));
        Assert.Equal(SchedConstants.BasePriorityUser, t1.BasePriority);
    }

    [Fact]
    public void SetPriority_QueuedThread_RequeuesAtTheNewLevel()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1, 6);
        h.Adopt(2, 12);
        h.Adopt(3, 12);
        h.Take();

        Assert.Equal(KernReturn.Success, h.Scheduler.SetPriority(3, 10, setMax: false));
        h.Surrender(t1, new SurrenderReason.Exited(null));

        Assert.Equal(new Ran(0, 3), h.Take().Last());
    }

    [Fact]
    public void SetPriority_RunningThreadDropsBelowAQueuedOne_IsPreempted()
    {
        var h = new SchedulerHarness(cpus: 1);
        h.Adopt(1, 10);
        h.Adopt(2, 12);
        h.Take();

        h.Scheduler.SetPriority(1, 20, setMax: false);

        Assert.Equal([new Preempted(0, 1, SurrenderReason.Preempted.Instance)], h.Take());
    }

    [Fact]
    public void SetPriority_SetMax_LaterBetterPriorityIsRefused()
    {
        var h = new SchedulerHarness(cpus: 1);
        h.Adopt(1);

        Assert.Equal(KernReturn.Success, h.Scheduler.SetPriority(1, 15, setMax: true));

        Assert.Equal(KernReturn.InvalidArgument, h.Scheduler.SetPriority(1, 12, setMax: false));
        Assert.Equal(15, h.Scheduler.Find(1)!.MaxPriority);
    }

    [Fact]
    public void SetMaxPriority_BetterThanTheSets_InvalidArgument()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);

        Assert.Equal(KernReturn.InvalidArgument, h.Scheduler.SetMaxPriority(1, 3));
        Assert.Equal(KernReturn.Success, h.Scheduler.SetMaxPriority(1, 14));
        Assert.Equal(14, t1.BasePriority); // lowered to fit
    }

    [Fact]
    public void Adopt_PriorityBetterThanTheSetAllows_IsClampedToTheSetsMax()
    {
        var h = new SchedulerHarness(cpus: 1);
        var thread = NewThread(1, priority: 2);
        thread.MaxPriority = 0;

        h.Scheduler.Adopt(thread);

        Assert.Equal(h.Scheduler.MaxPriority, thread.MaxPriority);
        Assert.Equal(h.Scheduler.MaxPriority, thread.BasePriority);
        Assert.Equal(h.Scheduler.MaxPriority, thread.SchedPriority);
    }

    [Fact]
    public void SetTaskSuspended_ThreadsOnCpus_AckOnlyOnceAllButTheCallerAreOff()
    {
        var h = new SchedulerHarness(cpus: 3);
        var caller = h.Adopt(1);
        var t2 = h.Adopt(2);
        var t3 = h.Adopt(3);
        var queued = h.Adopt(4);
        h.Take();
        var ackTo = new FakeRef("task");

        h.Scheduler.SetTaskSuspended([1, 2, 3, 4], suspended: true, exceptThread: 1, ackTo, "ack");

        Assert.Equal(
            [new Preempted(0, 1, Suspended), new Preempted(1, 2, Suspended), new Preempted(2, 3, Suspended)],
            h.Take());
        Assert.Null(queued.Queue);
        h.Surrender(t2, Suspended);
        Assert.Empty(h.Take());
        h.Surrender(t3, Suspended);
        Assert.Equal([new Sent(ackTo, "ack")], h.Take());
        Assert.Equal(0, caller.Cpu); // the caller stops on its own return
    }

    [Fact]
    public void SetTaskSuspended_NothingOnACpu_AcksAtOnce()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1, 6);
        h.Adopt(2);
        h.Take();
        var ackTo = new FakeRef("task");

        h.Scheduler.SetTaskSuspended([2], suspended: true, exceptThread: null, ackTo, "ack");

        Assert.Equal([new Sent(ackTo, "ack")], h.Take());
        Assert.Equal(0, t1.Cpu);
    }

    [Fact]
    public void SetTaskSuspended_Lifted_ThreadsRunAgain()
    {
        var h = new SchedulerHarness(cpus: 2);
        var t1 = h.Adopt(1);
        var t2 = h.Adopt(2);
        var ackTo = new FakeRef("task");
        h.Scheduler.SetTaskSuspended([1, 2], true, null, ackTo, "ack");
        h.Surrender(t1, Suspended);
        h.Surrender(t2, Suspended);
        h.Take();

        h.Scheduler.SetTaskSuspended([1, 2], false, null, ackTo, "resumed");

        Assert.Equal([new Ran(0, 1), new Ran(1, 2), new Sent(ackTo, "resumed")], h.Take());
    }

    [Fact]
    public void SetTaskSuspended_ThreadAlsoSuspendedItself_StaysStoppedWhenTheTaskResumes()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        h.Scheduler.Suspend(1);
        h.Surrender(t1, Suspended);
        var ackTo = new FakeRef("task");
        h.Scheduler.SetTaskSuspended([1], true, null, ackTo, "ack");
        h.Take();

        h.Scheduler.SetTaskSuspended([1], false, null, ackTo, "resumed");

        Assert.Empty(h.Take().OfType<Ran>());
        Assert.Equal(ThreadRunState.Stopped, ProcessorSetScheduler.StateOf(t1));
    }
}
