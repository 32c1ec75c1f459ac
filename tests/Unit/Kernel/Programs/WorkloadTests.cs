using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs.Workloads;
using MachActors.Pagers.Default;
using MachActors.Pagers.Memory;

namespace MachActors.Tests.Unit.Kernel.Programs;

/// <summary>The built-in workloads, booted directly on a machine: each ends, without faults, in bounded virtual time.</summary>
public class WorkloadTests
{
    public static TheoryData<string> Names() => [.. BuiltinWorkloads.Registry().Names];

    private sealed record Ran(Machine Machine, RunResult Result, IReadOnlyList<ThreadBasicInfo> Threads) : IDisposable
    {
        public void Dispose() => Machine.System.Dispose();
    }

    private static Ran Run(string workload, int cpus = 2, DispatcherKind dispatcher = DispatcherKind.Controlled, ulong seed = 1)
    {
        var system = ActorSystem.Create("m", new ActorSystemOptions { Dispatcher = dispatcher, Seed = seed });
        var config = new MachineConfig { CpuCount = cpus };
        if (BuiltinWorkloads.NeedsSwap(workload)) config = PagingWorkload.WithSwap(config with { FrameCount = PagingWorkload.DefaultFrames });
        var machine = Machine.Boot(system, config, BuiltinWorkloads.Registry(), defaultPager: config.SwapDisk is null ? null : DefaultPagerBoot.Create);
        if (BuiltinWorkloads.NeedsPager(workload)) PagerWorkloadBoot.Publish(machine);
        Assert.Equal(KernReturn.Success, machine.StartTask(workload).Result);
        var result = machine.RunUntilThreadsEnd(Duration.FromSeconds(10));
        return new Ran(machine, result, machine.Threads());
    }

    private static void AssertEndedCleanly(Ran ran)
    {
        Assert.Equal(RunOutcome.ConditionMet, ran.Result.Outcome);
        Assert.Empty(ran.Machine.Status.Faults);
        Assert.Equal(0, ran.Machine.Status.LiveThreads);
        Assert.All(ran.Threads, t => Assert.Equal(ThreadRunState.Halted, t.State));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Workload_OnTwoCpus_EndsWithoutFaultsWithinTwoVirtualSeconds(string workload)
    {
        using var ran = Run(workload);

        AssertEndedCleanly(ran);
        // Paging waits for the swap disk: 256 transfers of about 14 ms each.
        var bound = BuiltinWorkloads.NeedsSwap(workload) ? Duration.FromSeconds(6) : Duration.FromSeconds(2);
        Assert.True(ran.Result.Now.SinceBoot < bound, $"{workload} took {ran.Result.Now}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Workload_OnOneAndOnFourCpus_EndsWithoutFaults(string workload)
    {
        using (var one = Run(workload, cpus: 1)) AssertEndedCleanly(one);
        using (var four = Run(workload, cpus: 4)) AssertEndedCleanly(four);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Workload_OnTheParallelDispatcher_EndsWithoutFaults(string workload)
    {
        using var ran = Run(workload, dispatcher: DispatcherKind.Parallel);

        AssertEndedCleanly(ran);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Workload_WithTheSameSeed_RunsIdentically(string workload)
    {
        using var first = Run(workload, seed: 9);
        using var second = Run(workload, seed: 9);

        Assert.Equal(first.Result, second.Result);
        // Handles compare by their actor references too; their text (name#id) is what must repeat.
        Assert.Equal(first.Threads.Select(t => t.ToString()), second.Threads.Select(t => t.ToString()));
    }

    [Fact]
    public void Compute_RunsSevenWorkersInTwoTasksAtTheirPriorities()
    {
        using var ran = Run(ComputeWorkload.Name);

        var workers = ran.Threads.Where(t => t.Thread.Name != ComputeWorkload.Name).ToList();
        Assert.Equal(7, workers.Count);
        Assert.Equal(2, workers.Select(t => t.Task).Distinct().Count());
        var byName = workers.ToDictionary(t => t.Thread.Name);
        Assert.Equal((8, SchedPolicy.FixedPriority), (byName["fixed-8"].BasePriority, byName["fixed-8"].Policy));
        Assert.Equal((16, SchedPolicy.Timeshare), (byName["ts-16"].BasePriority, byName["ts-16"].Policy));
        Assert.Equal(24, byName["batch-24"].BasePriority);
        Assert.All(workers, t => Assert.True(t.CpuTime > Duration.Zero));
    }

    [Theory]
    [InlineData(DispatcherKind.Controlled)]
    [InlineData(DispatcherKind.Parallel)]
    public void Paging_TwicePhysicalMemory_PagesOutAndInAndChecksEveryPage(DispatcherKind dispatcher)
    {
        using var ran = Run(PagingWorkload.Name, dispatcher: dispatcher);

        AssertEndedCleanly(ran);
        var pages = PagingWorkload.MemoryFactor * PagingWorkload.DefaultFrames;
        var vm = ran.Machine.Status.Vm;
        Assert.Equal(pages, vm.ZeroFills);
        Assert.True(vm.Pageouts >= pages - PagingWorkload.DefaultFrames, $"pageouts {vm.Pageouts}");
        Assert.True(vm.Pageins > 0, $"pageins {vm.Pageins}");
        Assert.Equal(PagingWorkload.DefaultFrames, vm.FreeFrames); // the region was deallocated
        Assert.Equal(["lower", "upper"], ran.Threads.Where(t => t.Thread.Name != PagingWorkload.Name).Select(t => t.Thread.Name));
    }

    [Fact]
    public void Paging_WithoutSwap_FaultsWhenMemoryRunsOut()
    {
        using var system = ActorSystem.Create("m", new ActorSystemOptions { Seed = 1 });
        var machine = Machine.Boot(system, new MachineConfig { FrameCount = PagingWorkload.DefaultFrames }, BuiltinWorkloads.Registry());
        Assert.Equal(KernReturn.Success, machine.StartTask(PagingWorkload.Name).Result);

        machine.RunUntilThreadsEnd(Duration.FromSeconds(10));

        Assert.NotEmpty(machine.Status.Faults);
        Assert.Equal(0, machine.Status.Vm.Pageouts);
    }

    [Fact]
    public void Paging_Pattern_IsDistinctPerPageAndNeverZero()
    {
        var a = PagingWorkload.Pattern(0, 4096);
        var b = PagingWorkload.Pattern(256, 4096);

        Assert.NotEqual(a, b);
        Assert.NotEqual(a.AsSpan(8).ToArray(), b.AsSpan(8).ToArray());
        Assert.NotEqual(new byte[4096], a);
    }

    [Fact]
    public void WithSwap_AddsASwapDiskSizedForTheFrames()
    {
        var config = PagingWorkload.WithSwap(new MachineConfig { FrameCount = 1024 });

        var disk = Assert.Single(config.Disks);
        Assert.Equal(PagingWorkload.SwapDiskName, config.SwapDisk);
        Assert.Equal(1024L * PagingWorkload.SwapPagesPerFrame * 8, disk.Geometry.BlockCount);
        Assert.Empty(config.Validate());
        Assert.Equal(100, Assert.Single(PagingWorkload.WithSwap(new MachineConfig(), 100).Disks).Geometry.BlockCount);
    }

    [Fact]
    public void Interactive_EditorIsDispatchedEveryBurstAndTheHogsAge()
    {
        using var ran = Run(InteractiveWorkload.Name);

        var editor = Assert.Single(ran.Threads, t => t.Thread.Name == "editor");
        Assert.True(editor.Dispatches >= InteractiveWorkload.Bursts, $"editor dispatched {editor.Dispatches} times");
        var hogs = ran.Threads.Where(t => t.Thread.Name.StartsWith("hog-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, hogs.Count);
        Assert.All(hogs, h => Assert.True(h.SchedPriority > h.BasePriority, $"{h.Thread} at {h.SchedPriority}, base {h.BasePriority}"));
    }
}
