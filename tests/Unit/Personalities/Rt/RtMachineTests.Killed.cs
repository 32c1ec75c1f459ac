using MachActors.Kernel;
using MachActors.Personalities.Rt;
using MachActors.Tests.Unit.Kernel;

namespace MachActors.Tests.Unit.Personalities.Rt;

/// <summary>An RT task terminated by another task (task_terminate on its port): the server sees its port die and reports it killed.</summary>
public sealed partial class RtMachineTests
{
    public static TheoryData<DispatcherKind, bool> DispatchersAndMidJob => new()
    {
        { DispatcherKind.Controlled, false },
        { DispatcherKind.Controlled, true },
        { DispatcherKind.Parallel, false },
        { DispatcherKind.Parallel, true },
    };

    /// <summary>
    /// The main program (priority 7, above both tasks) keeps the victim's task port, sleeps 45 ms (the
    /// epoch is 10 ms after the server booted) and terminates it: waiting for its next release (2 ms jobs) or in the middle of a job (8 ms
    /// jobs, job 3 runs from 30 to 38 ms after the epoch). The server marks it killed at about that time,
    /// counts no miss for the jobs it will never run, and still ends; the other task meets every deadline.
    /// </summary>
    [Theory]
    [MemberData(nameof(DispatchersAndMidJob))]
    public void TaskTerminatedByAnotherTask_ServerMarksItKilledAndEnds(DispatcherKind kind, bool midJob)
    {
        var cost = midJob ? 8 : 2;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        VirtualTime killed = default;
        var config = new RtConfig
        {
            Main = async rt =>
            {
                var (error, _, victim) = await rt.TaskCreateWithPort(RtKit.Task("victim", 10, cost, 8, 20), job => job.Compute(Duration.FromMilliseconds(cost)));
                await rt.TaskCreate(RtKit.Task("steady", 20, 1, 9, 5), job => job.Compute(Duration.FromMilliseconds(1)));
                var sleep = await rt.Mach.MachReplyPort();
                await rt.Mach.Receive(sleep, Duration.FromMilliseconds(45));
                killed = rt.Mach.Now;
                log.Enqueue($"{error} {await rt.Mach.TaskTerminate(victim)}");
            },
        };
        using var kit = new RtKit(config, kind);

        kit.Run();

        Assert.Equal([$"None {KernReturn.Success}"], log);
        Assert.True(kit.Report.Finished);
        var victimStats = kit.Report.Tasks[0];
        Assert.NotNull(victimStats.KilledAt);
        Assert.InRange(victimStats.KilledAt.Value.Nanoseconds, killed.Nanoseconds, killed.Nanoseconds + Duration.FromMilliseconds(1).Nanoseconds);
        Assert.Equal((4, midJob ? 3 : 4, 0, false), (victimStats.Releases, victimStats.Completions, victimStats.Misses, victimStats.Faulted));
        Assert.True(kit.Report.Tasks[1].AllMet);
        Assert.Equal(0, kit.Report.TotalMisses);
        Assert.Contains($"(killed at {victimStats.KilledAt.Value})", kit.Report.Format());
    }
}
