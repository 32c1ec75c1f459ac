using MachActors.Host.Commands;
using MachActors.Host.Runs;
using MachActors.Kernel.Programs;

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

    [Fact]
    public void CpuTime_IsConserved_BusyPlusIdleIsCpusTimesElapsed()
    {
        var programs = new ProgramRegistry().Register("one", async (env, args) => await env.Compute(100_000));

        var report = MachineRunner.Execute(Settings("one"), programs);

        Assert.All(report.Cpus, c => Assert.Equal(report.Elapsed.Nanoseconds, c.Busy.Nanoseconds + c.Idle.Nanoseconds));
        Assert.Equal(report.Cpus.Sum(c => c.Busy.Nanoseconds), report.Threads.Sum(t => t.CpuTime.Nanoseconds));
    }
}
