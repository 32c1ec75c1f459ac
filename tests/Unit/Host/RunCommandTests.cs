using MachActors.Kernel.Programs.Workloads;

namespace MachActors.Tests.Unit.Host;

/// <summary><c>machactors run</c>: boots the machine, runs a workload, prints tables; rejects bad configurations with exit 2.</summary>
public class RunCommandTests
{
    public static TheoryData<string> Workloads() => [.. BuiltinWorkloads.Registry().Names];

    [Fact]
    public void Run_WithNoOptions_RunsComputeOnTwoCpusAndExplainsWhatRan()
    {
        var result = CliInvocation.Of("run").Succeeds(
            "workload 'compute'", ComputeWorkload.Description[..40], "machine: 2 CPUs", "random(seed=0)",
            "every thread ended after", "no faults",
            "utilisation", "context switches", "traps", "cpu time", "dispatches", "virtual time elapsed",
            "runtime scheduling decisions recorded", "fixed-8", "batch-24", "Halted");

        Assert.DoesNotContain("Running", result.Out);
    }

    [Fact]
    public void Run_WithTheSameSeed_PrintsIdenticalOutput() =>
        CliInvocation.Repeatable("run", "--seed", "42", "--cpus", "3", "--trace").Succeeds("random(seed=42)", "Deliver", "ClockInterrupt");

    [Fact]
    public void Run_OnTheParallelDispatcher_Completes() =>
        CliInvocation.Of("run", "--parallel", "--cpus", "4").Succeeds("parallel (thread pool)", "every thread ended after", "n/a (parallel)");

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
        CliInvocation.Of("run", "--max-time", "20ms").Succeeds("stopped after 20ms of virtual time (DeadlineReached)", "still live");

    [Theory]
    [InlineData("run", "--list")]
    [InlineData("workloads")]
    public void List_ShowsEveryWorkloadWithItsDescription(params string[] args)
    {
        var result = CliInvocation.Of(args).Succeeds("compute (default)", "interactive", "suspend", "supervisor", "ipc", "dead-name notification");

        Assert.DoesNotContain("context switches", result.Out);
    }

    [Fact]
    public void Run_WithAnUnknownWorkload_ExitsWith2AndListsTheValidNames() =>
        CliInvocation.Of("run", "--workload", "forkbomb").FailsWithUsage("Unknown workload 'forkbomb'", "compute, interactive, ipc, suspend");

    [Fact]
    public void Run_WithSeveralProblems_ListsThemAll() =>
        CliInvocation.Of("run", "--cpus", "0", "--workload", "nope", "--max-time", "soon").FailsWithUsage("--cpus", "--workload", "--max-time");
}
