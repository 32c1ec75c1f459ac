using MachActors.Host.Runs;
using MachActors.Kernel.Programs.Workloads;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Host;

/// <summary><c>machactors run</c>: boots the machine, runs a workload, prints tables; rejects bad configurations with exit 2.</summary>
public class RunCommandTests
{
    public static TheoryData<string> Workloads() => [.. HostWorkloads.Registry().Names];

    [Fact]
    public void Run_Compute_RunsOnTwoCpusAndExplainsWhatRan()
    {
        var result = CliInvocation.Of("run", "--workload", "compute").Succeeds(
            "workload 'compute'", ComputeWorkload.Description[..40], "machine: 2 CPUs", "random(seed=0)",
            "every thread ended after", "no faults",
            "utilisation", "context switches", "traps", "cpu time", "dispatches", "virtual time elapsed",
            "runtime scheduling decisions recorded", "fixed-8", "batch-24", "Halted");

        Assert.DoesNotContain("Running", result.Out);
    }

    [Fact]
    public void Run_WithTheSameSeed_PrintsIdenticalOutput() =>
        CliInvocation.Repeatable("run", "--workload", "compute", "--seed", "42", "--cpus", "3", "--trace").Succeeds("random(seed=42)", "Deliver", "ClockInterrupt");

    [Fact]
    public void Run_OnTheParallelDispatcher_Completes() =>
        CliInvocation.Of("run", "--workload", "compute", "--parallel", "--cpus", "4").Succeeds("parallel (thread pool)", "every thread ended after", "n/a (parallel)");

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Run_EachWorkload_EndsEveryThreadWithoutFaults(string workload) =>
        CliInvocation.Of("run", "--workload", workload, "--cpus", "3", "--affinity")
            .Succeeds($"workload '{workload}'", "affinity scheduling on", "every thread ended after", "no faults");

    [Fact]
    public void Run_Ipc_ExplainsWhatItDoesAndPrintsTheIpcCounters() =>
        CliInvocation.Of("run", "--workload", "ipc").Succeeds(
            "workload 'ipc'", "checks it in with the name server", "netname_look_up", "reply-and-receive", "queue limit to 2",
            "dead-name notification", "every thread ended after", "no faults",
            "IPC (mach_msg by threads", "sent", "RPCs", "received", "handoffs", "blocked sends", "notifications", "ports created", "ports destroyed");

    [Theory]
    [InlineData("1", false)]
    [InlineData("2", false)]
    [InlineData("3", false)]
    [InlineData("4", false)]
    [InlineData("1", true)]
    [InlineData("4", true)]
    public void Run_Ipc_OnOneToFourCpusOnBothDispatchers_EndsWithoutFaults(string cpus, bool parallel) =>
        CliInvocation.Of(parallel ? ["run", "--workload", "ipc", "--cpus", cpus, "--parallel"] : ["run", "--workload", "ipc", "--cpus", cpus])
            .Succeeds("workload 'ipc'", "every thread ended after", "no faults", "blocked sends");

    [Fact]
    public void Run_IpcWithTheSameSeed_PrintsIdenticalOutput() =>
        CliInvocation.Repeatable("run", "--workload", "ipc", "--seed", "7", "--cpus", "2").Succeeds("random(seed=7)", "IPC (");

    [Fact]
    public void Run_StoppedByMaxTime_SaysWhatIsLeftAndSucceeds() =>
        CliInvocation.Of("run", "--workload", "compute", "--max-time", "20ms").Succeeds("stopped after 20ms of virtual time (DeadlineReached)", "still live");

    [Theory]
    [InlineData("run", "--list")]
    [InlineData("workloads")]
    public void List_ShowsEveryWorkloadWithItsDescription(params string[] args)
    {
        var result = CliInvocation.Of(args).Succeeds("personalities (default)", "real-time executive", "compute", "interactive", "suspend", "supervisor", "ipc", "dead-name notification", "paging");

        Assert.DoesNotContain("context switches", result.Out);
    }

    [Fact]
    public void Run_WithAnUnknownWorkload_ExitsWith2AndListsTheValidNames() =>
        CliInvocation.Of("run", "--workload", "forkbomb").FailsWithUsage("Unknown workload 'forkbomb'", "compute, interactive, ipc, pager, paging, personalities, suspend");

    [Fact]
    public void Run_WithSeveralProblems_ListsThemAll() =>
        CliInvocation.Of("run", "--cpus", "0", "--workload", "nope", "--max-time", "soon", "--frames", "0")
            .FailsWithUsage("--cpus", "--workload", "--max-time", "--frames");

    [Fact]
    public void Run_Paging_PagesOutAndInWithoutFaultsAndPrintsTheVmTable()
    {
        var result = CliInvocation.Of("run", "--workload", "paging").Succeeds(
            "workload 'paging'", "twice as many pages as the machine has frames", "memory: 64 frames of 4096 bytes (256 KiB)",
            "swap on disk 'swap', 2048 blocks of 512 bytes (1 MiB)", "every thread ended after", "no faults",
            "VM (", "zero fills", "pageins", "pageouts", "unwritten max", "free frames now", "free frames min", "free frames every");

        var vm = VmRow(result.Out);
        Assert.Equal(128, vm[1]);                      // zero fills: every page once
        Assert.True(vm[2] > 0, $"pageins {vm[2]}");
        Assert.True(vm[3] >= 64, $"pageouts {vm[3]}");
        Assert.InRange(vm[4], 1, PagingDaemon.DefaultLaundryMax); // unwritten max: the daemon waited for the swap disk
        Assert.Equal(64, vm[5]);                       // free frames now: the region was deallocated
    }

    [Fact]
    public void Run_PagingWithTheSameSeed_PrintsIdenticalOutput() =>
        CliInvocation.Repeatable("run", "--workload", "paging", "--seed", "5", "--frames", "48").Succeeds("random(seed=5)", "memory: 48 frames", "pageouts");

    [Theory]
    [InlineData("1")]
    [InlineData("4")]
    public void Run_PagingOnTheParallelDispatcher_Completes(string cpus) =>
        CliInvocation.Of("run", "--workload", "paging", "--parallel", "--cpus", cpus).Succeeds("parallel (thread pool)", "every thread ended after", "no faults", "pageouts");

    [Fact]
    public void Run_WithFramesAndSwapBlocks_ShapesTheMachine() =>
        CliInvocation.Of("run", "--workload", "compute", "--frames", "100", "--swap-blocks", "4096").Succeeds(
            "workload 'compute'", "memory: 100 frames of 4096 bytes (400 KiB); swap on disk 'swap', 4096 blocks of 512 bytes (2 MiB)", "no faults");

    [Fact]
    public void Run_OtherWorkloadsByDefault_HaveNoSwapAnd1024Frames() =>
        CliInvocation.Of("run", "--workload", "suspend").Succeeds("memory: 1024 frames of 4096 bytes (4 MiB); no swap (no paging)", "VM (");

    [Theory]
    [InlineData("0", "physical frames must be between 48 and 262144")]
    [InlineData("47", "physical frames must be between 48 and 262144")]
    [InlineData("262145", "physical frames must be between 48 and 262144")]
    [InlineData("-5", "expected a whole number")]
    [InlineData("many", "expected a whole number")]
    public void Run_WithBadFrames_ExitsWith2AndSaysWhy(string frames, string message) =>
        CliInvocation.Of("run", "--workload", "paging", "--frames", frames).FailsWithUsage($"Invalid value '{frames}' for --frames", message);

    [Theory]
    [InlineData("7", "swap needs at least 8 blocks")]
    [InlineData("x", "expected a whole number")]
    public void Run_WithBadSwapBlocks_ExitsWith2AndSaysWhy(string blocks, string message) =>
        CliInvocation.Of("run", "--workload", "paging", "--swap-blocks", blocks).FailsWithUsage($"Invalid value '{blocks}' for --swap-blocks", message);

    [Fact]
    public void Help_ListsTheMemoryOptions() =>
        CliInvocation.Of("run", "--help").Succeeds("--frames", "--swap-blocks", "paging");

    /// <summary>The numbers of the VM table's one row: faults, zero fills, pageins, pageouts, free now, free min.</summary>
    private static int[] VmRow(string output)
    {
        var lines = output.Split('\n');
        var header = Array.FindIndex(lines, l => l.Contains("zero fills", StringComparison.Ordinal));
        return [.. lines[header + 2].Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse)];
    }
}
