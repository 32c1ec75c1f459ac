using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Kern;

public sealed class ThreadCallTests
{
    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void ThreadCreate_FromAProgram_LeavesTheThreadSuspendedUntilThreadResume(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        ThreadStatus? before = null;
        var childRanAt = VirtualTime.Never;
        object? joined = null;
        kit.Start(async env =>
        {
            var (_, child) = await env.ThreadCreate(env.TaskSelf, async e =>
            {
                childRanAt = e.Now;
                await e.Compute(CyclesPerMs);
                return "child";
            }, "child");
            await ComputeMs(env, 5);
            before = await env.ThreadStatus(child);
            Assert.Equal(KernReturn.Success, await env.ThreadResume(child));
            joined = (await env.CThreadJoin(child)).Value;
        });
        kit.RunFor(Ms(3));
        var fromHost = Assert.Single(kit.Machine.Threads(), t => t.Thread.Name == "child"); // host code sees every thread

        kit.RunToEnd();

        Assert.Equal(ThreadRunState.Stopped, before!.State);
        Assert.Equal(1, before.SuspendCount);
        Assert.Equal(0, fromHost.Dispatches);
        Assert.Equal(Duration.Zero, before.CpuTime);
        Assert.True(childRanAt >= VirtualTime.Zero + Ms(5));
        Assert.Equal("child", joined);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void ThreadResume_NotSuspended_Failure()
    {
        using var kit = new MachineKit();
        var results = new List<KernReturn>();
        kit.Start(async env =>
        {
            results.Add(await env.ThreadResume(env.ThreadSelf));
            var child = await env.CThreadFork(async e => { await e.Compute(CyclesPerMs); return null; });
            results.Add(await env.ThreadSuspend(child));
            results.Add(await env.ThreadResume(child));
            results.Add(await env.ThreadResume(child));
        });

        kit.RunToEnd();

        Assert.Equal([KernReturn.Failure, KernReturn.Success, KernReturn.Success, KernReturn.Failure], results);
    }

    [Fact]
    public void ThreadSuspend_FromHost_StopsTheThreadsCpuTimeUntilResumed()
    {
        using var kit = new MachineKit(cpus: 1);
        var main = kit.Start(env => ComputeMs(env, 200)).MainThread!;
        kit.RunFor(Ms(20));

        Assert.Equal(KernReturn.Success, kit.Call<KernReturn>(main, new ThreadSuspend()));
        kit.RunFor(Ms(1)); // the CPU gives the thread back at once: it is computing
        var stopped = kit.Info(main);
        kit.RunFor(Ms(50));
        var later = kit.Info(main);
        Assert.Equal(KernReturn.Success, kit.Call<KernReturn>(main, new ThreadResume()));
        kit.RunFor(Ms(50));

        Assert.Equal(ThreadRunState.Stopped, stopped.State);
        Assert.Equal(stopped.CpuTime, later.CpuTime);
        Assert.True(kit.Info(main).CpuTime > stopped.CpuTime);
        kit.RunToEnd();
    }

    [Theory]
    [InlineData(5)]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(-3)]
    public void ThreadSetPriority_BetterThanMaxOrOutOfRange_InvalidArgument(int priority)
    {
        using var kit = new MachineKit();
        KernReturn fromProgram = KernReturn.Success;
        var main = kit.Start(async env =>
        {
            fromProgram = await env.ThreadPriority(env.ThreadSelf, priority);
            await ComputeMs(env, 50);
        }).MainThread!;
        kit.RunFor(Ms(10));

        var fromHost = kit.Call<KernReturn>(main, new ThreadSetPriority(priority));

        Assert.Equal(KernReturn.InvalidArgument, fromProgram);
        Assert.Equal(KernReturn.InvalidArgument, fromHost);
        Assert.Equal(SchedConstants.BasePriorityUser, kit.Info(main).BasePriority);
        kit.RunToEnd();
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void ThreadSetPriority_Valid_ReportedByThreadInfo()
    {
        using var kit = new MachineKit();
        var sched = System.Collections.Immutable.ImmutableArray<int>.Empty;
        kit.Start(async env =>
        {
            Assert.Equal(KernReturn.Success, await env.ThreadPriority(env.ThreadSelf, 20, setMax: true));
            sched = (await env.ThreadInfo(env.ThreadSelf, InfoWords.Sched)).Words;
        });

        kit.RunToEnd();

        Assert.Equal(20, sched[2]); // base
        Assert.Equal(20, sched[3]); // max
        Assert.Equal(20, sched[4]); // current
    }

    [Fact]
    public void ThreadCalls_OnAnEndedThread_InvalidArgumentAndInfoSaysHalted()
    {
        using var kit = new MachineKit();
        var main = kit.Start(async env => await env.Compute(CyclesPerMs)).MainThread!;
        kit.RunToEnd();

        KernelRequest[] calls =
        [
            new ThreadSuspend(), new ThreadResume(), new ThreadAbort(), new ThreadTerminate(), new ThreadSetPriority(20),
            new ThreadSetMaxPriority(20), new ThreadSetPolicy(SchedPolicy.FixedPriority), new ThreadBind(0), new ThreadDetach(),
        ];

        Assert.All(calls, call => Assert.Equal(KernReturn.InvalidArgument, kit.Call<KernReturn>(main, call)));
        var info = kit.Info(main);
        Assert.Equal(ThreadRunState.Halted, info.State);
        Assert.True(info.CpuTime >= Ms(1));
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void ThreadTerminate_RunningThreadFromAnother_EndsItAndItsJoinerGetsNoValue()
    {
        using var kit = new MachineKit();
        JoinResult? joined = null;
        var after = false;
        kit.Start(async env =>
        {
            var victim = await env.CThreadFork(async e =>
            {
                await ComputeMs(e, 100);
                after = true;
                return "never";
            });
            await ComputeMs(env, 5);
            Assert.Equal(KernReturn.Success, await env.ThreadTerminate(victim));
            joined = await env.CThreadJoin(victim);
        });

        kit.RunToEnd();

        Assert.Equal(new JoinResult(KernReturn.Success, null), joined);
        Assert.False(after);
    }

    [Fact]
    public void ThreadTerminate_Self_EndsTheCallerAtItsReturn()
    {
        using var kit = new MachineKit();
        var after = false;
        var main = kit.Start(async env =>
        {
            await env.ThreadTerminate(env.ThreadSelf);
            await ComputeMs(env, 10);
            after = true;
        }).MainThread!;

        kit.RunToEnd();

        Assert.False(after);
        Assert.Equal(ThreadRunState.Halted, kit.Info(main).State);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void ThreadAbort_ThreadBlockedInJoin_ItsJoinReturnsAborted(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        object? waiterResult = null;
        JoinResult? laterJoin = null;
        kit.Start(async env =>
        {
            var slow = await env.CThreadFork(async e => { await ComputeMs(e, 30); return "slow"; }, "slow");
            var waiter = await env.CThreadFork(async e => await e.CThreadJoin(slow), "waiter");
            await UntilWaiting(env, waiter);
            Assert.Equal(KernReturn.Success, await env.ThreadAbort(waiter));
            waiterResult = (await env.CThreadJoin(waiter)).Value;
            laterJoin = await env.CThreadJoin(slow); // the aborted join gave the join back
        });

        kit.RunToEnd();

        Assert.Equal(new JoinResult(KernReturn.Aborted, null), waiterResult);
        Assert.Equal(new JoinResult(KernReturn.Success, "slow"), laterJoin);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void ThreadAbort_ThreadBlockedOnAMutex_ItsLockReturnsAbortedWithoutTheMutex(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        object? lockResult = null;
        KernReturn unlock = KernReturn.Failure;
        kit.Start(async env =>
        {
            var m = await env.MutexAlloc();
            await env.MutexLock(m);
            var waiter = await env.CThreadFork(async e => await e.MutexLock(m), "waiter");
            await UntilWaiting(env, waiter);
            await env.ThreadAbort(waiter);
            lockResult = (await env.CThreadJoin(waiter)).Value;
            unlock = await env.MutexUnlock(m);
        });

        kit.RunToEnd();

        Assert.Equal(KernReturn.Aborted, lockResult);
        Assert.Equal(KernReturn.Success, unlock); // still ours: the aborted waiter was not given it
    }

    [Fact]
    public void ThreadInfo_BlockedThread_ReportsWaitingAndWhatOn()
    {
        using var kit = new MachineKit();
        ThreadStatus? status = null;
        ThreadHandle? waiterHandle = null;
        kit.Start(async env =>
        {
            var slow = await env.CThreadFork(async e => { await ComputeMs(e, 20); return null; }, "slow");
            var waiter = await env.CThreadFork(async e => { waiterHandle = e.Self; return await e.CThreadJoin(slow); }, "waiter");
            await UntilWaiting(env, waiter);
            status = await env.ThreadStatus(waiter);
        });
        kit.RunFor(Ms(5));
        var info = kit.Info(waiterHandle!); // what it waits on: host code's view

        kit.RunToEnd();

        Assert.Equal(ThreadRunState.Waiting, status!.State);
        Assert.Equal(ThreadRunState.Waiting, info.State);
        Assert.StartsWith("join slow#", info.Waiting);
    }

    [Fact]
    public void ThreadInfo_Self_RunningWithDefaults()
    {
        using var kit = new MachineKit();
        ThreadStatus? info = null;
        var sched = System.Collections.Immutable.ImmutableArray<int>.Empty;
        var main = kit.Start(async env =>
        {
            await ComputeMs(env, 25);
            info = await env.ThreadStatus(env.ThreadSelf);
            sched = (await env.ThreadInfo(env.ThreadSelf, InfoWords.Sched)).Words;
        }, name: "solo").MainThread!;

        kit.RunToEnd();

        Assert.Equal(ThreadRunState.Running, info!.State);
        Assert.Equal(SchedConstants.BasePriorityUser, info.BasePriority);
        Assert.Equal(SchedConstants.DefaultMaxPriority, sched[3]);
        Assert.Equal((int)SchedPolicy.Timeshare, sched[0]);
        Assert.Equal(0, info.SuspendCount);
        // A running thread's time is charged at each clock tick (10 ms): 25 ms of work shows at least 20.
        Assert.InRange(info.CpuTime.Nanoseconds, Ms(20).Nanoseconds, Ms(26).Nanoseconds);
        var fromHost = kit.Info(main); // identities, set and dispatches: host code's view
        Assert.Equal(main, fromHost.Thread);
        Assert.Equal("solo", fromHost.Task.Name);
        Assert.Equal(0, fromHost.ProcessorSet);
        Assert.True(fromHost.Dispatches >= 1);
    }
}
