using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Kern;

public sealed class ProcessorSetTests
{
    private static ProcessorSetHandle CreateSet(MachineKit kit, string? name = null)
    {
        var created = kit.Call<ProcessorSetCreated>(kit.Machine.Host, new ProcessorSetCreate(name));
        Assert.Equal(KernReturn.Success, created.Result);
        return created.Set!;
    }

    private static ProcessorSetBasicInfo SetInfo(MachineKit kit, ProcessorSetHandle set) =>
        kit.Call<ProcessorSetInfoReply>(set.Ref, new ProcessorSetInfo()).Info!;

    /// <summary>In a program: a new processor set (by the host port) with CPU 1 in it; a send right to its port.</summary>
    private static async Task<PortName> SetWithCpu1(MachEnv env)
    {
        var (created, set) = await env.ProcessorSetCreate(env.HostSelf);
        Assert.Equal(KernReturn.Success, created);
        Assert.Equal(KernReturn.Success, await env.ProcessorAssign(env.HostSelf, 1, set));
        return set;
    }

    [Fact]
    public void ProcessorSetCreate_FromHost_ANewEmptySetListedAfterTheDefault()
    {
        using var kit = new MachineKit();
        kit.RunFor(Ms(1)); // boot settles: the CPUs attach to the default set asynchronously

        var set = CreateSet(kit, "batch");
        var sets = kit.Call<ProcessorSetsReply>(kit.Machine.Host, new HostProcessorSets()).Sets;

        Assert.Equal(1, set.Id);
        Assert.Equal("batch", set.Name);
        Assert.Equal(["default", "batch"], sets.Select(s => s.Name));
        var info = SetInfo(kit, set);
        Assert.Empty(info.Cpus);
        Assert.Equal(0, info.ThreadCount);
        Assert.Equal(SchedConstants.DefaultMaxPriority, info.MaxPriority);
        Assert.Equal([0, 1], SetInfo(kit, sets[0]).Cpus);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(2)]
    public void ProcessorAssign_MasterOrUnknownCpu_InvalidArgument(int cpu)
    {
        using var kit = new MachineKit(cpus: 2);
        var set = CreateSet(kit);

        Assert.Equal(KernReturn.InvalidArgument, kit.Call<KernReturn>(kit.Machine.Host, new ProcessorAssign(cpu, set)));
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void ProcessorAssign_UnknownSet_InvalidArgument()
    {
        using var kit = new MachineKit(cpus: 2);

        Assert.Equal(KernReturn.InvalidArgument, kit.Call<KernReturn>(kit.Machine.Host, new ProcessorAssign(1, new ProcessorSetHandle(7, "nope"))));
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void ProcessorAssign_CpuToANewSet_TaskStartedThereRunsOnlyOnThatCpu(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var set = CreateSet(kit);

        Assert.Equal(KernReturn.Success, kit.Call<KernReturn>(kit.Machine.Host, new ProcessorAssign(1, set)));
        kit.RunFor(Ms(1));
        kit.Programs.Register("spin", (env, _) => ComputeMs(env, 30));
        var started = kit.Call<TaskStarted>(kit.Machine.Host, new StartTask("spin", [], Set: set));
        var local = kit.Start(env => ComputeMs(env, 30));
        kit.RunToEnd();

        Assert.Equal([1], SetInfo(kit, set).Cpus);
        var inSet = kit.TimeByCpu(started.MainThread!);
        var inDefault = kit.TimeByCpu(local.MainThread!);
        Assert.Equal(Duration.Zero, inSet[0]);
        Assert.True(inSet[1] >= Ms(30));
        Assert.True(inDefault[0] >= Ms(30));
        Assert.Equal(Duration.Zero, inDefault[1]);
        Assert.Equal(1, kit.Info(started.MainThread!).ProcessorSet);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void TaskAssign_WithThreads_MovesTheRunningThreadsToTheSetsCpu(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var set = CreateSet(kit);
        kit.Call<KernReturn>(kit.Machine.Host, new ProcessorAssign(1, set));
        var started = kit.Start(env => ComputeMs(env, 100));
        kit.RunFor(Ms(20));
        var onCpu0 = kit.TimeByCpu(started.MainThread!)[0];

        Assert.Equal(KernReturn.Success, kit.Call<KernReturn>(started.Task!, new TaskAssign(set, AssignThreads: true)));
        kit.RunFor(Ms(20));
        var moved = kit.Info(started.MainThread!);
        kit.RunToEnd();

        var time = kit.TimeByCpu(started.MainThread!);
        Assert.Equal(1, moved.ProcessorSet);
        Assert.True(onCpu0 >= Ms(19));
        Assert.InRange(time[0].Nanoseconds, onCpu0.Nanoseconds, (onCpu0 + Ms(1)).Nanoseconds);
        Assert.True(time[1] >= Ms(75));
        Assert.Equal(0, SetInfo(kit, set).ThreadCount); // ended: no longer counted
    }

    [Fact]
    public void TaskAssign_WithoutThreads_OnlyNewThreadsGoThere()
    {
        using var kit = new MachineKit(cpus: 2);
        ThreadHandle? child = null;
        var main = kit.Start(async env =>
        {
            Assert.Equal(KernReturn.Success, await env.TaskAssign(env.TaskSelf, await SetWithCpu1(env)));
            var c = await env.CThreadFork(async e => { child = e.Self; await e.Compute(CyclesPerMs); return null; });
            await env.CThreadJoin(c);
        }).MainThread!;

        kit.RunToEnd();

        Assert.Equal(1, kit.Info(child!).ProcessorSet); // halted threads report their last set
        Assert.Equal(0, kit.Info(main).ProcessorSet);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void ThreadAssign_OneThread_MovesOnlyThatOne(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var workers = new ThreadHandle[2];
        kit.Start(async env =>
        {
            var set = await SetWithCpu1(env);
            var ports = new List<PortName>();
            for (var i = 0; i < 2; i++)
            {
                var n = i;
                ports.Add(await env.CThreadFork(async e => { workers[n] = e.Self; await ComputeMs(e, 40); return null; }));
            }
            Assert.Equal(KernReturn.Success, await env.ThreadAssign(ports[1], set));
            foreach (var w in ports) await env.CThreadJoin(w);
        });

        kit.RunToEnd();

        Assert.Equal(0, kit.Info(workers[0]).ProcessorSet); // halted threads report their last set
        Assert.Equal(1, kit.Info(workers[1]).ProcessorSet);
        Assert.Equal(Duration.Zero, kit.TimeByCpu(workers[0])[1]);
        Assert.True(kit.TimeByCpu(workers[1])[1] >= Ms(40));
    }

    [Fact]
    public void ThreadAssign_ToASetWithNoCpus_TheThreadWaitsRunnable()
    {
        using var kit = new MachineKit(cpus: 2);
        var empty = CreateSet(kit);
        var main = kit.Start(env => ComputeMs(env, 50)).MainThread!;
        kit.RunFor(Ms(5));

        Assert.Equal(KernReturn.Success, kit.Call<KernReturn>(main, new ThreadAssign(empty)));
        kit.RunFor(Ms(1));
        var before = kit.Info(main);
        kit.RunFor(Ms(50));

        Assert.Equal(ThreadRunState.Runnable, kit.Info(main).State);
        Assert.Equal(before.CpuTime, kit.Info(main).CpuTime);
        Assert.Equal(1, SetInfo(kit, empty).ThreadCount);
    }

    [Fact]
    public void WakeThread_ForAThreadThatVisitedAnotherSetAndEnded_IsDroppedNotForwardedForEver()
    {
        using var kit = new MachineKit(cpus: 2);
        var defaultSet = kit.Call<ProcessorSetsReply>(kit.Machine.Host, new HostProcessorSets()).Sets[0];
        var main = kit.Start(async env =>
        {
            var other = await SetWithCpu1(env);
            var (_, defaultPort) = await env.ProcessorSetDefault(env.HostSelf);
            Assert.Equal(KernReturn.Success, await env.ThreadAssign(env.ThreadSelf, other));
            await env.Compute(CyclesPerMs);
            Assert.Equal(KernReturn.Success, await env.ThreadAssign(env.ThreadSelf, defaultPort));
            await env.Compute(CyclesPerMs);
        }).MainThread!;
        kit.RunToEnd();
        kit.Machine.StopClock();
        kit.Sys.RunUntilQuiescent();

        // A late wakeup (say, a waiter granted a mutex just as it was terminated) reaches the old set.
        defaultSet.Ref.Tell(new WakeThread(main.Id, new WaitChannel(kit.Sys.DeadLetters, "late"), null), null);
        var run = kit.Sys.RunUntilQuiescent(maxSteps: 10_000);

        Assert.Equal(RunOutcome.Quiescent, run.Outcome);
    }
}
