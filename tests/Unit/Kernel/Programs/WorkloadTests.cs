using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs.Workloads;

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
        var machine = Machine.Boot(system, new MachineConfig { CpuCount = cpus }, BuiltinWorkloads.Registry());
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
        Assert.True(ran.Result.Now.SinceBoot < Duration.FromSeconds(2), $"{workload} took {ran.Result.Now}");
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
