using MachActors.Actors.Dispatch;
using MachActors.Personalities.Rt;
using MachActors.Personalities.Rt.Analysis;
using MachActors.Tests.Unit.Kernel;

namespace MachActors.Tests.Unit.Personalities.Rt;

/// <summary>The executive on whole machines (docs/RT.md): deadlines met when the load allows, misses reported as the analysis predicts when it does not.</summary>
public sealed partial class RtMachineTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void FeasibleSet_BesideCpuBoundTimesharing_MeetsEveryDeadline(DispatcherKind kind)
    {
        RtTaskSpec[] set = [RtKit.Task("fast", 10, 2, 7, 20), RtKit.Task("slow", 20, 6, 8, 10)];
        Assert.True(RtAnalysis.Schedulable(set));
        using var kit = new RtKit(set, kind);
        kit.Machine.Start(async env =>
        {
            for (var i = 0; i < 30; i++) await env.Compute(10 * MachineKit.CyclesPerMs);
            kit.Machine.Log.Enqueue("hog done");
        }, "hog");

        kit.Run();

        Assert.True(kit.Report.Finished);
        Assert.All(kit.Report.Tasks, t => Assert.True(t.AllMet, $"{t.Spec.Name}: {t.Completions}/{t.Spec.Jobs} done, {t.Misses} missed"));
        Assert.Equal([20, 10], kit.Report.Tasks.Select(t => t.Releases));
        var analysed = RtAnalysis.ResponseTimes(set); // 2 ms and 8 ms; the machine adds traps and IPC
        for (var i = 0; i < set.Length; i++)
        {
            var worst = kit.Report.Tasks[i].WorstResponse;
            Assert.InRange(worst.Nanoseconds, analysed[i]!.Value.Nanoseconds, analysed[i]!.Value.Nanoseconds + Duration.FromMilliseconds(1).Nanoseconds);
        }
        Assert.Contains("hog done", kit.Machine.Log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void OverloadedSet_OneCpu_ReportsTheMissesTheSimulationCounts(DispatcherKind kind)
    {
        // U = 0.6 + 0.6 = 1.2: "high" always runs first and meets every deadline; "low" gets 4 ms of
        // each 10 and falls further behind with every job.
        RtTaskSpec[] set = [RtKit.Task("high", 10, 6, 7, 10), RtKit.Task("low", 10, 6, 8, 10)];
        var expected = RtAnalysis.SimulateMisses(set);
        Assert.Equal([0, 10], expected);
        Assert.False(RtAnalysis.Schedulable(set));
        using var kit = new RtKit(set, kind);

        kit.Run();

        Assert.Equal(expected, kit.Report.Tasks.Select(t => t.Misses));
        Assert.Equal([10, 10], kit.Report.Tasks.Select(t => t.Completions));
        Assert.Equal(10, kit.Report.TotalMisses);
        Assert.Contains("deadline misses: 10", kit.Report.Format());
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void PartlyOverloaded_LowPriorityMissesOnlyWhereTheSimulationSays(DispatcherKind kind)
    {
        // U = 0.6 + 0.33 = 0.93 but above the two-task bound and rejected by response-time analysis:
        // "b" misses every other job (by 2 ms; the others finish 2 ms early, so overheads cannot blur it).
        RtTaskSpec[] set = [RtKit.Task("a", 10, 6, 7, 15), RtKit.Task("b", 15, 5, 8, 10)];
        Assert.False(RtAnalysis.Schedulable(set));
        var expected = RtAnalysis.SimulateMisses(set);
        Assert.Equal(0, expected[0]);
        Assert.Equal(5, expected[1]);
        using var kit = new RtKit(set, kind);

        kit.Run();

        Assert.Equal(expected, kit.Report.Tasks.Select(t => t.Misses));
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void MainProgram_AsksForMissesAndTime_GetsThemThroughTheVector(DispatcherKind kind)
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var config = new RtConfig
        {
            Main = async rt =>
            {
                var (e1, t0) = await rt.Now();
                var (e2, id) = await rt.TaskCreate(RtKit.Task("p", 5, 1, 7, 3), async job =>
                {
                    await job.Compute(Duration.FromMilliseconds(1));
                    var (_, mine, _) = await job.Misses();
                    log.Enqueue($"job {job.Job} at {job.Release.Nanoseconds / 1_000_000 % 5} misses {mine}");
                });
                var (e3, _) = await rt.TaskCreate(RtKit.Task("bad", 5, 1, 3, 1), _ => Task.CompletedTask);
                var (e4, _) = await rt.WaitNextPeriod();
                log.Enqueue($"main {e1} {t0 > default(VirtualTime)} {e2} {id} {e3} {e4}");
            },
        };
        using var kit = new RtKit(config, kind);

        kit.Run();

        Assert.Equal(["main None True None 0 Invalid Invalid", "job 0 at 0 misses 0", "job 1 at 0 misses 0", "job 2 at 0 misses 0"], log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void BothPersonalities_TwoCpus_RtDeadlinesMetAndUnixWorkCompletes(DispatcherKind kind) => BothPersonalities(kind, cpus: 2);

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void BothPersonalities_OneCpu_RtPreemptsUnixAndBothFinish(DispatcherKind kind) => BothPersonalities(kind, cpus: 1);

    /// <summary>Three CPU-bound UNIX processes (50 ms each) beside an RT set of utilisation 0.73: every deadline met, every child reaped.</summary>
    private static void BothPersonalities(DispatcherKind kind, int cpus)
    {
        RtTaskSpec[] set = [RtKit.Task("ctl", 10, 4, 7, 15), RtKit.Task("log", 30, 10, 8, 5)];
        var unixDone = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var kit = new RtKit(set, kind, cpus, unixInit: async (u, argv) =>
        {
            for (var i = 0; i < 3; i++)
            {
                await u.Fork(async c =>
                {
                    for (var k = 0; k < 10; k++) await c.Mach.Compute(5 * MachineKit.CyclesPerMs);
                    return 3;
                });
            }
            var statuses = new List<int>();
            for (var i = 0; i < 3; i++) statuses.Add(MachActors.Personalities.Unix.WaitStatus.ExitStatus((await u.Wait()).Status));
            unixDone.Enqueue(string.Join(",", statuses));
            return 0;
        });

        kit.Run();

        Assert.All(kit.Report.Tasks, t => Assert.True(t.AllMet, $"{t.Spec.Name}: {t.Misses} missed"));
        Assert.Equal(["3,3,3"], unixDone);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void UnixProcess_CallsAnRtNumber_NotInItsVectorSoSigsys(DispatcherKind kind)
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var kit = new RtKit([RtKit.Task("t", 10, 1, 7, 2)], kind, cpus: 2, unixInit: async (u, argv) =>
        {
            await u.Fork(async c =>
            {
                await new MachActors.Personalities.Rt.Emulation.RtEnv(c.Mach).Misses();
                return 0;
            });
            var (_, _, status) = await u.Wait();
            log.Enqueue($"signaled {MachActors.Personalities.Unix.WaitStatus.TermSig(status)}");
            return 0;
        });

        kit.Run();

        Assert.Equal([$"signaled {MachActors.Personalities.Unix.Signal.SIGSYS}"], log);
        Assert.True(kit.Report.Tasks.Single().AllMet);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void DefaultSet_RunToEnd_AllMetAndTheReportSaysSo(DispatcherKind kind)
    {
        Assert.True(RtAnalysis.Utilisation(RtBoot.DefaultSet) < RtAnalysis.LiuLaylandBound(RtBoot.DefaultSet.Count));
        using var kit = new RtKit(RtBoot.DefaultSet, kind);

        kit.Run();

        Assert.All(kit.Report.Tasks, t => Assert.True(t.AllMet));
        var text = kit.Report.Format();
        Assert.Contains("control ", text);
        Assert.Contains("utilisation 0.550, Liu-Layland bound 0.780, response-time analysis: schedulable", text);
        Assert.EndsWith("deadline misses: 0" + Environment.NewLine, text);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void TaskBodyThrows_ServerEndsItAsFaultedAndTheOthersRunOn(DispatcherKind kind)
    {
        var config = new RtConfig
        {
            Main = async rt =>
            {
                await rt.TaskCreate(RtKit.Task("crash", 10, 1, 7, 5), async job =>
                {
                    await job.Compute(Duration.FromMilliseconds(1));
                    if (job.Job == 2) throw new InvalidOperationException("job 2 fails");
                });
                await rt.TaskCreate(RtKit.Task("steady", 10, 2, 8, 5), job => job.Compute(Duration.FromMilliseconds(2)));
            },
        };
        using var kit = new RtKit(config, kind);

        kit.Run();

        var crash = kit.Report.Tasks[0];
        Assert.Equal((true, 3, 2, false), (crash.Faulted, crash.Releases, crash.Completions, crash.AllMet));
        Assert.True(kit.Report.Tasks[1].AllMet);
        Assert.True(kit.Report.Finished);
        Assert.Contains("(faulted)", kit.Report.Format());
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void TaskStart_WithoutAThread_TaskEndedAsFaultedAndTheServerDoesNotWaitForIt(DispatcherKind kind)
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var config = new RtConfig
        {
            Main = async rt =>
            {
                var (_, server) = await rt.Mach.TaskGetSpecialPort(rt.Mach.TaskSelf, MachActors.Kernel.Kern.SpecialPorts.Bootstrap);
                var stub = new RtCallsClient(rt.Mach);
                var created = await stub.TaskCreateAsync(server, "orphan", 10_000_000, 10_000_000, 7, 3, 1_000_000);
                await rt.Mach.PortDeallocate(created.Task);
                log.Enqueue($"start {(RtError)await stub.TaskStartAsync(server, created.Id, MachActors.Kernel.Ipc.PortName.Null)}");
                log.Enqueue($"again {(RtError)await stub.TaskStartAsync(server, created.Id, MachActors.Kernel.Ipc.PortName.Null)}");
            },
        };
        using var kit = new RtKit(config, kind);

        kit.Run();

        Assert.Equal(["start Kernel", "again Invalid"], log);
        Assert.True(kit.Report.Tasks.Single().Faulted);
        Assert.True(kit.Report.Finished);
    }
}
