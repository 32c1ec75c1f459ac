using MachActors.Hardware.Cpu;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.Kern.SchedulerHarness;

namespace MachActors.Tests.Unit.Kernel.Kern;

/// <summary>thread_terminate and thread_abort on the scheduler (queued, running, blocking and waiting threads).</summary>
public sealed class ProcessorSetSchedulerTerminateTests
{
    private static readonly SurrenderReason Terminated = SurrenderReason.Terminated.Instance;

    [Fact]
    public void Terminate_QueuedThread_EndsAtOnce()
    {
        var h = new SchedulerHarness(cpus: 1);
        h.Adopt(1);
        var t2 = h.Adopt(2);
        h.Take();

        Assert.Equal(KernReturn.Success, h.Scheduler.Terminate(2));

        Assert.Equal([new Ended(2, Terminated)], h.Take());
        Assert.Null(h.Scheduler.Find(2));
        Assert.True(t2.Execution.IsDead);
        Assert.Equal(KernReturn.InvalidArgument, h.Scheduler.Terminate(2));
    }

    [Fact]
    public void Terminate_RunningThread_EndsWhenItsCpuGivesItBack()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        h.Adopt(2);
        h.Take();

        h.Scheduler.Terminate(1);
        var asked = h.Take();
        h.Surrender(t1, Terminated, Duration.FromMilliseconds(3));

        Assert.Equal([new Preempted(0, 1, Terminated)], asked);
        Assert.Equal([new Ended(1, Terminated), new Ran(0, 2)], h.Take());
        Assert.Equal(Duration.FromMilliseconds(3), t1.CpuTime);
    }

    [Fact]
    public void Terminate_RunningThreadThatBlocksFirst_EndsAndItsWaitIsDropped()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        h.Scheduler.Terminate(1);
        h.Take();

        var channel = h.Block(t1);

        Assert.Equal([new WaitCancelled(1, channel, false), new Ended(1, Terminated)], h.Take());
    }

    [Fact]
    public void Terminate_WaitingThread_EndsAndCancelsItsWaitWithoutWaking()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        var channel = h.Block(t1);
        h.Take();

        h.Scheduler.Terminate(1);

        Assert.Equal([new WaitCancelled(1, channel, false), new Ended(1, Terminated)], h.Take());
    }

    [Fact]
    public void Abort_WaitingThread_AsksTheOwnerToWakeItAborted()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        var channel = h.Block(t1);
        h.Take();

        Assert.Equal(KernReturn.Success, h.Scheduler.Abort(1));

        Assert.Equal([new WaitCancelled(1, channel, true)], h.Take());
        Assert.True(t1.Waiting); // until the owner's wakeup comes
    }

    [Fact]
    public void Abort_SuspendedWaitingThread_StillCancelsTheWait()
    {
        var h = new SchedulerHarness(cpus: 1);
        var t1 = h.Adopt(1);
        var channel = h.Block(t1);
        h.Scheduler.Suspend(1);
        h.Take();

        h.Scheduler.Abort(1);

        Assert.Equal([new WaitCancelled(1, channel, true)], h.Take());
    }

    [Fact]
    public void Abort_RunningThread_DoesNothing()
    {
        var h = new SchedulerHarness(cpus: 1);
        h.Adopt(1);
        h.Take();

        Assert.Equal(KernReturn.Success, h.Scheduler.Abort(1));
        Assert.Empty(h.Take());
        Assert.Equal(KernReturn.InvalidArgument, h.Scheduler.Abort(9));
    }
}
