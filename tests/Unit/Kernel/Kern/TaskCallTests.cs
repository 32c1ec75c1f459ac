using MachActors.Kernel;
using MachActors.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Kern;

public sealed class TaskCallTests
{
    /// <summary>A task whose main thread forks two workers computing <paramref name="ms"/> each and joins them.</summary>
    private static (TaskHandle Task, ThreadHandle Main) StartWorkers(MachineKit kit, int ms, List<ThreadHandle> workers)
    {
        var started = kit.Start(async env =>
        {
            for (var i = 0; i < 2; i++) workers.Add(await env.CThreadFork(async e => { await ComputeMs(e, ms); return null; }, "worker" + i));
            foreach (var w in workers.ToList()) await env.CThreadJoin(w);
        });
        kit.RunFor(Ms(5));
        Assert.Equal(2, workers.Count);
        return (started.Task!, started.MainThread!);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void TaskSuspend_FromHost_StopsEveryThreadUntilTaskResume(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var workers = new List<ThreadHandle>();
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
        for (var i = 0; i < workers.Count; i++) Assert.True(kit.Info(workers[i]).CpuTime > atSuspend[i].CpuTime + Ms(20));
        Assert.Equal(0, kit.Info(task).SuspendCount);
        kit.RunToEnd();
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void TaskSuspend_Twice_NeedsTwoResumes()
    {
        using var kit = new MachineKit(cpus: 2);
        var workers = new List<ThreadHandle>();
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
        ThreadBasicInfo? other = null;
        var main = kit.Start(async env =>
        {
            var worker = await env.CThreadFork(async e => { await ComputeMs(e, 100); return null; });
            await ComputeMs(env, 5);
            Assert.Equal(KernReturn.Success, await env.TaskSuspend(env.Task));
            other = (await env.ThreadInfo(worker)).Info; // never reached while suspended
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
        var started = kit.Start(async env => results.Add(await env.TaskResume(env.Task)));

        kit.RunToEnd();

        Assert.Equal([KernReturn.Failure], results);
        Assert.Equal(KernReturn.Failure, kit.Call<KernReturn>(started.Task!, new TaskResume()));
    }

    [Fact]
    public void TaskCalls_OnATerminatedTask_InvalidArgumentAndNoActorFails()
    {
        using var kit = new MachineKit();
        var results = new List<object>();
        kit.Start(async env =>
        {
            var child = (await env.TaskCreate(env.Task, "doomed")).Task!;
            results.Add(await env.TaskTerminate(child));
            results.Add(await env.TaskSuspend(child));
            results.Add(await env.TaskResume(child));
            results.Add(await env.TaskTerminate(child));
            results.Add(await env.TaskPriority(child, 20));
            results.Add((await env.TaskInfo(child)).Result);
            results.Add((await env.TaskThreads(child)).Result);
            results.Add((await env.TaskCreate(child)).Result);
            results.Add((await env.ThreadCreate(child, async _ => null)).Result);
        });

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
        var workers = new List<ThreadHandle>();
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
        var workers = new List<ThreadHandle>();
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
        TaskBasicInfo? childInfo = null;
        ThreadBasicInfo? threadInfo = null;
        kit.Start(async env =>
        {
            Assert.Equal(KernReturn.Success, await env.TaskPriority(env.Task, 18));
            var child = (await env.TaskCreate(env.Task)).Task!;
            childInfo = (await env.TaskInfo(child)).Info;
            var thread = (await env.ThreadCreate(child, async e => { await e.Compute(1); return null; })).Thread!;
            threadInfo = (await env.ThreadInfo(thread)).Info;
            await env.ThreadResume(thread);
            await env.CThreadJoin(thread);
        }, name: "parent");

        kit.RunToEnd();

        Assert.Equal("parent-child", childInfo!.Task.Name);
        Assert.Equal(18, childInfo.BasePriority);
        Assert.Equal(0, childInfo.ThreadCount);
        Assert.Equal(18, threadInfo!.BasePriority);
        Assert.Equal(childInfo.Task, threadInfo.Task);
    }

    [Fact]
    public void TaskPriority_ChangeThreads_AppliesToTheExistingThreads()
    {
        using var kit = new MachineKit();
        var workers = new List<ThreadHandle>();
        var (task, _) = StartWorkers(kit, 50, workers);

        Assert.Equal(KernReturn.Success, kit.Call<KernReturn>(task, new TaskPriority(20, ChangeThreads: true)));
        Assert.Equal(KernReturn.InvalidArgument, kit.Call<KernReturn>(task, new TaskPriority(3, ChangeThreads: true)));
        kit.RunFor(Ms(1));

        Assert.All(workers, w => Assert.Equal(20, kit.Info(w).BasePriority));
        Assert.Equal(20, kit.Info(task).BasePriority);
        kit.RunToEnd();
    }
}
