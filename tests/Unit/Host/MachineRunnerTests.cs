using MachActors.Host.Commands;
using MachActors.Host.Runs;
using MachActors.Kernel.Programs;
using MachActors.Kernel.Programs.Workloads;

namespace MachActors.Tests.Unit.Host;

/// <summary>The machine run behind <c>machactors run</c>, with programs of the test's own.</summary>
public class MachineRunnerTests
{
    private static RunSettings Settings(string workload) =>
        new(Cpus: 2, workload, Seed: 3, Parallel: false, Affinity: false, Trace: false, MaxTime: Duration.FromSeconds(1));

    [Fact]
    public void AFaultingProgram_IsReportedAndTheRunGoesOn()
    {
        var programs = new ProgramRegistry().Register("faulty", async (env, args) =>
        {
            var sibling = await env.CThreadFork(async e => { await e.Compute(1_000); return null; }, "sibling");
            await env.Compute(1_000);
            await env.CThreadJoin(sibling);
            throw new InvalidOperationException("the check failed");
        }, "throws after its sibling ends");

        var report = MachineRunner.Execute(Settings("faulty"), programs);

        Assert.True(report.Completed);
        var fault = Assert.Single(report.Faults);
        Assert.Contains("the check failed", fault);
        Assert.Equal(2, report.Threads.Count);
        using var output = new StringWriter();
        MachinePrinter.Print(ConsoleFactory.For(output), report);
        Assert.Contains("Faults", output.ToString());
        Assert.Contains("1 fault (listed below)", output.ToString());
        Assert.Contains("throws after its sibling ends", output.ToString());
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(4, true)]
    public void IpcWorkload_CountsItsMessagesBlockedSendsNotificationsAndPorts(int cpus, bool parallel)
    {
        var settings = Settings(IpcWorkload.Name) with { Cpus = cpus, Parallel = parallel };

        var report = MachineRunner.Execute(settings, BuiltinWorkloads.Registry());

        Assert.True(report.Completed);
        Assert.Empty(report.Faults);
        var ipc = report.Ipc;
        const int clients = IpcWorkload.Clients;
        // Per client: register, the RPCs, the burst and goodbye; the server: a reply-and-receive per RPC and a callback per client.
        var workloadSends = clients * (1 + IpcWorkload.Rpcs + IpcWorkload.Burst + 1) + clients * IpcWorkload.Rpcs + clients;
        Assert.True(ipc.MessagesSent >= workloadSends, $"sent {ipc.MessagesSent}, expected at least {workloadSends}");
        Assert.True(ipc.Rpcs >= 2 * clients * IpcWorkload.Rpcs, $"RPCs {ipc.Rpcs}");
        Assert.True(ipc.MessagesReceived >= clients * (IpcWorkload.Rpcs + 2) + clients * (IpcWorkload.Rpcs + IpcWorkload.Burst + 2), $"received {ipc.MessagesReceived}");
        Assert.True(ipc.SendsBlocked > 0, "no send blocked on the queue limit");
        Assert.True(ipc.Notifications >= clients, $"notifications {ipc.Notifications}: each client gets a dead-name notification");
        Assert.True(ipc.PortsCreated >= 2 + 3 * clients, $"ports created {ipc.PortsCreated}");
        Assert.True(ipc.PortsDestroyed >= 2 + 3 * clients && ipc.PortsDestroyed <= ipc.PortsCreated, $"ports destroyed {ipc.PortsDestroyed} of {ipc.PortsCreated}");
        if (cpus == 1) Assert.True(report.Handoffs > 0, "one CPU: the RPCs hand the CPU between client and server");
    }

    [Fact]
    public void PagingWorkload_GetsSwapAnd64Frames_AndSamplesFreeFramesUntilTheEnd()
    {
        var settings = Settings(PagingWorkload.Name) with { MaxTime = Duration.FromSeconds(10) };

        var report = MachineRunner.Execute(settings, BuiltinWorkloads.Registry());

        Assert.True(report.Completed);
        Assert.Empty(report.Faults);
        Assert.Equal((PagingWorkload.DefaultFrames, PagingWorkload.SwapDiskName), (report.Config.FrameCount, report.Config.SwapDisk));
        Assert.True(report.Vm.Pageouts > 0 && report.Vm.Pageins > 0, report.Vm.ToString());
        var expected = (report.Elapsed.Nanoseconds + MachineRunner.SampleInterval.Nanoseconds - 1) / MachineRunner.SampleInterval.Nanoseconds;
        Assert.Equal(expected, report.FreeFrameSamples.Count);
        Assert.Equal(report.Vm.FreeFrames, report.FreeFrameSamples[^1]);
        Assert.Contains(report.FreeFrameSamples, free => free < PagingWorkload.DefaultFrames);
    }

    [Fact]
    public void ConfigFor_FramesAndSwapBlocks_ApplyToAnyWorkload()
    {
        var plain = MachineRunner.ConfigFor(Settings(ComputeWorkload.Name));
        var shaped = MachineRunner.ConfigFor(Settings(ComputeWorkload.Name) with { Frames = 200, SwapBlocks = 512 });

        Assert.Equal((1024, null), (plain.FrameCount, plain.SwapDisk));
        Assert.Equal((200, PagingWorkload.SwapDiskName, 512L), (shaped.FrameCount, shaped.SwapDisk, shaped.Disks[0].Geometry.BlockCount));
    }

    [Fact]
    public void CpuTime_IsConserved_BusyPlusIdleIsCpusTimesElapsed()
    {
        var programs = new ProgramRegistry().Register("one", async (env, args) => await env.Compute(100_000));

        var report = MachineRunner.Execute(Settings("one"), programs);

        Assert.All(report.Cpus, c => Assert.Equal(report.Elapsed.Nanoseconds, c.Busy.Nanoseconds + c.Idle.Nanoseconds));
        Assert.Equal(report.Cpus.Sum(c => c.Busy.Nanoseconds), report.Threads.Sum(t => t.CpuTime.Nanoseconds));
    }
}
