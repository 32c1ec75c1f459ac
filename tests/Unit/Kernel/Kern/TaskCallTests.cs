using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Kern;

public sealed class TaskCallTests
{
    /// <summary>
    /// A task whose main thread forks two workers computing <paramref name="ms"/> each and joins them by
    /// port name; each worker leaves its handle (its identity, for the host's calls) in <paramref name="workers"/>.
    /// </summary>
    private static (TaskHandle Task, ThreadHandle Main) StartWorkers(MachineKit kit, int ms, ThreadHandle[] workers)
    {
        var started = kit.Start(async env =>
        {
            var ports = new List<PortName>();
            for (var i = 0; i < workers.Length; i++)
            {
                var n = i;
                ports.Add(await env.CThreadFork(async e => { workers[n] = e.Self; await ComputeMs(e, ms); return null; }, "worker" + i));
            }
            foreach (var w in ports) await env.CThreadJoin(w);
        });
        kit.RunFor(Ms(5));
        Assert.All(workers, Assert.NotNull);
        return (started.Task!, started.MainThread!);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void TaskSuspend_FromHost_StopsEveryThreadUntilTaskResume(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var workers = new ThreadHandle[2];
        var (task, _) = StartWorkers(kit, 200, workers);
        kit.RunFor(Ms(20));

        Assert.Equal(KernReturn.Success, kit.Call<KernReturn>(task, new TaskSuspend()));
        var atSuspend = workers.Select(w => kit.Info(w)).ToList();
        var idleAtSuspend = kit.Machine.CpuStats().Select(s => s.Idle).ToList();
        kit.RunFor(Ms(50));
        var whileSuspended = workers.Select(w => kit.Info(w)).ToList();
        var idleLater = kit.Machine.CpuStats().Select(s => s.Idle).ToList();
        Assert.Equal(1, kit.Info(task).SuspendCount);
        Assert.Equal(KernReturn.Success, kit.Call<KernReturn>(task, new TaskResume()));
        kit.RunFor(Ms(50));

        Assert.All(atSuspend, i => Assert.Equal(ThreadRunState.Stopped, i.State));
        Assert.Equal(atSuspend.Select(i => i.CpuTime), whileSuspended.Select(i => i.CpuTime));
        Assert.Equal(idleAtSuspend.Select(i => i + Ms(50)), idleLater);
        for (var i = 0; i < workers.Length; i++) Assert.True(kit.Info(workers[i]).CpuTime > atSuspend[i].CpuTime + Ms(20));
        Assert.Equal(0, kit.Info(task).SuspendCount);
        kit.RunToEnd();
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void TaskSuspend_Twice_NeedsTwoResumes()
    {
        using var kit = new MachineKit(cpus: 2);
        var workers = new ThreadHandle[2];
        var (task, _) = StartWorkers(kit, 100, workers);

        kit.Call<KernReturn>(task, new TaskSuspend());
        kit.Call<KernReturn>(task, new TaskSuspend());
        kit.Call<KernReturn>(task, new TaskResume());
        var before = kit.Info(workers[0]).CpuTime;
        kit.RunFor(Ms(30));

        Assert.Equal(before, kit.Info(workers[0]).CpuTime);
        kit.Call<KernReturn>(task, new TaskResume());
        kit.RunToEnd();
    }

    [Fact]
    public void TaskSuspend_FromItsOwnThread_ReturnsWithTheOthersStoppedAndStopsTheCaller()
    {
        using var kit = new MachineKit(cpus: 2);
        ThreadStatus? other = null;
        var main = kit.Start(async env =>
        {
            var worker = await env.CThreadFork(async e => { await ComputeMs(e, 100); return null; });
            await ComputeMs(env, 5);
            Assert.Equal(KernReturn.Success, await env.TaskSuspend(env.TaskSelf));
            other = await env.ThreadStatus(worker); // never reached while suspended
        });
        kit.RunFor(Ms(30));

        Assert.Null(other);
        Assert.Equal(ThreadRunState.Stopped, kit.Info(main.MainThread!).State);
        Assert.Equal(KernReturn.Success, kit.Call<KernReturn>(main.Task!, new TaskResume()));
        kit.RunToEnd();
        Assert.NotNull(other);
    }

    [Fact]
    public void TaskResume_NotSuspended_Failure()
    {
        using var kit = new MachineKit();
        var results = new List<KernReturn>();
        var started = kit.Start(async env => results.Add(await env.TaskResume(env.TaskSelf)));

        kit.RunToEnd();

        Assert.Equal([KernReturn.Failure], results);
        Assert.Equal(KernReturn.Failure, kit.Call<KernReturn>(started.Task!, new TaskResume()));
    }

    [Fact]
    public void TaskCalls_OnATerminatedTask_InvalidArgumentAndNoActorFails()
    {
        using var kit = new MachineKit();
        var started = kit.Start(async env => await env.Compute(1));
        var child = kit.Call<TaskCreated>(started.Task!, new TaskCreate("doomed")).Task!; // host code calls the object, as a debugger would
        var results = new List<object>
        {
            kit.Call<KernReturn>(child, new TaskTerminate()),
            kit.Call<KernReturn>(child, new TaskSuspend()),
            kit.Call<KernReturn>(child, new TaskResume()),
            kit.Call<KernReturn>(child, new TaskTerminate()),
            kit.Call<KernReturn>(child, new TaskPriority(20, false)),
            kit.Call<TaskInfoReply>(child, new TaskInfo()).Result,
            kit.Call<TaskThreadsReply>(child, new TaskThreads()).Result,
            kit.Call<TaskCreated>(child, new TaskCreate(null)).Result,
            kit.Call<ThreadCreated>(child, new ThreadCreate(async _ => null, "t", Suspended: true)).Result,
        };

        kit.RunToEnd();

        Assert.Equal(KernReturn.Success, results[0]);
        Assert.All(results.Skip(1), r => Assert.Equal(KernReturn.InvalidArgument, r));
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void TaskTerminate_FromHost_EndsEveryThread(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var workers = new ThreadHandle[2];
        var (task, main) = StartWorkers(kit, 1_000, workers);

        Assert.Equal(KernReturn.Success, kit.Call<KernReturn>(task, new TaskTerminate()));
        kit.RunToEnd(Ms(100));

        Assert.All(workers.Append(main), t => Assert.Equal(ThreadRunState.Halted, kit.Info(t).State));
        Assert.Equal(KernReturn.InvalidArgument, kit.Call<TaskInfoReply>(task, new TaskInfo()).Result);
        Assert.Equal(KernReturn.InvalidArgument, kit.Call<KernReturn>(workers[0], new ThreadSuspend()));
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void TaskInfo_WhileRunningAndAfterTheThreadsEnd_ReportsCountsAndTimes()
    {
        using var kit = new MachineKit(cpus: 2);
        var workers = new ThreadHandle[2];
        var (task, main) = StartWorkers(kit, 30, workers);

        var running = kit.Info(task);
        var threads = kit.Call<TaskThreadsReply>(task, new TaskThreads());
        kit.RunToEnd();
        var ended = kit.Info(task);
        var cpuTimes = workers.Append(main).Select(t => kit.Info(t).CpuTime).Aggregate(Duration.Zero, (a, b) => a + b);

        Assert.Equal(3, running.ThreadCount);
        Assert.Equal(0, running.SuspendCount);
        Assert.Equal(SchedConstants.BasePriorityUser, running.BasePriority);
        Assert.False(running.Terminated);
        Assert.Equal(VirtualTime.Zero, running.Created);
        Assert.Equal([main, workers[0], workers[1]], threads.Threads);
        Assert.Equal(0, ended.ThreadCount);
        Assert.Equal(cpuTimes, ended.DeadThreadsTime);
        Assert.True(ended.DeadThreadsTime >= Ms(60));
        Assert.Empty(kit.Call<TaskThreadsReply>(task, new TaskThreads()).Threads);
    }

    [Fact]
    public void TaskCreate_Child_InheritsThePriorityAndItsThreadsGetIt()
    {
        using var kit = new MachineKit();
        var childPriority = 0;
        var childThreads = -1;
        ThreadStatus? threadInfo = null;
        TaskHandle? threadTask = null;
        kit.Start(async env =>
        {
            Assert.Equal(KernReturn.Success, await env.TaskPriority(env.TaskSelf, 18));
            var (_, child) = await env.TaskCreate(env.TaskSelf);
            childPriority = (await env.TaskInfo(child)).Words[1];
            childThreads = (await env.TaskThreads(child)).Threads.Length;
            var (_, thread) = await env.ThreadCreate(child, async e => { threadTask = e.Task; await e.Compute(1); return null; });
            threadInfo = await env.ThreadStatus(thread);
            await env.ThreadResume(thread);
            await env.CThreadJoin(thread);
        }, name: "parent");

        kit.RunToEnd();

        var childInfo = kit.Info(threadTask!);
        Assert.Equal("parent-child", childInfo.Task.Name);
        Assert.Equal(18, childInfo.BasePriority);
        Assert.Equal(18, childPriority);
        Assert.Equal(0, childThreads);
        Assert.Equal(18, threadInfo!.BasePriority);
    }

    [Fact]
    public void TaskPriority_ChangeThreads_AppliesToTheExistingThreads()
    {
        using var kit = new MachineKit();
        var workers = new ThreadHandle[2];
        var (task, _) = StartWorkers(kit, 50, workers);

        Assert.Equal(KernReturn.Success, kit.Call<KernReturn>(task, new TaskPriority(20, ChangeThreads: true)));
        Assert.Equal(KernReturn.InvalidArgument, kit.Call<KernReturn>(task, new TaskPriority(3, ChangeThreads: true)));
        kit.RunFor(Ms(1));

        Assert.All(workers, w => Assert.Equal(20, kit.Info(w).BasePriority));
        Assert.Equal(20, kit.Info(task).BasePriority);
        kit.RunToEnd();
    }
}
