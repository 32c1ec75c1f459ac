using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;
using MachActors.Kernel.User;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Kern;

/// <summary>Exception delivery on whole machines (spec 6, docs/IPC.md "Exceptions"): thread port, then task port, then the task is terminated.</summary>
public sealed class ExceptionTests
{
    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void RaiseException_ThreadHandlerAccepts_TrapReturnsSuccessAndTheThreadGoesOn(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var log = new List<string>();
        ThreadHandle? worker = null;
        var started = kit.Start(async env =>
        {
            var p = await NewExceptionPort(env);
            var created = await env.ThreadCreate(env.TaskSelf, async e =>
            {
                worker = e.Self;
                await e.Compute(CyclesPerMs);
                var r = await e.RaiseException(ExceptionType.Breakpoint, 7, 9);
                log.Add($"raise returned {r}");
                return "after";
            }, "worker");
            log.Add($"set {await env.ThreadSetSpecialPort(created.Thread, SpecialPorts.Exception, p)}");
            await env.ThreadResume(created.Thread);
            await env.ExceptionServerOnce(p, request =>
            {
                log.Add($"caught {request.Exception} thread ok {request.Thread == created.Thread} task ok {request.Task == env.TaskSelf}");
                return Task.FromResult(KernReturn.Success);
            });
            var joined = await env.CThreadJoin(created.Thread);
            log.Add($"joined {joined.Result} {joined.Value}");
            log.Add($"srights {(await env.PortGetReceiveStatus(p)).SRights}"); // ours: the message's copy was consumed, the ended thread's slot released
        });

        kit.RunToEnd();

        Assert.Equal(["set Success", "caught EXC_BREAKPOINT code 7 subcode 9 thread ok True task ok True", "raise returned Success",
            "joined Success after", "srights 1"], log);
        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(SRights(kit, started.MainThread!.Port), SRights(kit, worker!.Port)); // the thread right the message carried was released
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void RaiseException_ThreadHandlerFails_TaskHandlerTriedAndItsSuccessResumes(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var log = new List<string>();
        kit.Start(async env =>
        {
            var threadLevel = await NewExceptionPort(env);
            var taskLevel = await NewExceptionPort(env);
            await env.TaskSetSpecialPort(env.TaskSelf, SpecialPorts.Exception, taskLevel);
            var created = await env.ThreadCreate(env.TaskSelf, async e => $"raise returned {await e.RaiseException(ExceptionType.Software, 0x10002)}", "worker");
            await env.ThreadSetSpecialPort(created.Thread, SpecialPorts.Exception, threadLevel);
            await env.ThreadResume(created.Thread);
            await env.ExceptionServerOnce(threadLevel, r => { log.Add($"thread level {r.Exception.Type}"); return Task.FromResult(KernReturn.Failure); });
            await env.ExceptionServerOnce(taskLevel, r => { log.Add($"task level {r.Exception.Code:x}"); return Task.FromResult(KernReturn.Success); });
            log.Add((string)(await env.CThreadJoin(created.Thread)).Value!);
        });

        kit.RunToEnd();

        Assert.Equal(["thread level Software", "task level 10002", "raise returned Success"], log);
        Assert.Empty(kit.Machine.Status.Faults);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void RaiseException_BothHandlersFail_TaskTerminatedWithReportAndOtherTasksGoOn(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        ThreadHandle? worker = null;
        var faulty = kit.Start(async env =>
        {
            var threadLevel = await NewExceptionPort(env);
            var taskLevel = await NewExceptionPort(env);
            await env.TaskSetSpecialPort(env.TaskSelf, SpecialPorts.Exception, taskLevel);
            var created = await env.ThreadCreate(env.TaskSelf, async e =>
            {
                worker = e.Self;
                await e.RaiseException(ExceptionType.BadInstruction, 3, 4);
                log.Enqueue("worker resumed");
                return null;
            }, "worker");
            await env.ThreadSetSpecialPort(created.Thread, SpecialPorts.Exception, threadLevel);
            await env.ThreadResume(created.Thread);
            await env.ExceptionServerOnce(threadLevel, _ => Task.FromResult(KernReturn.Failure));
            await env.ExceptionServerOnce(taskLevel, _ => Task.FromResult(KernReturn.InvalidArgument));
            await env.CThreadJoin(created.Thread);
            log.Enqueue("main joined");
        }, name: "faulty");
        kit.Start(async env => { await ComputeMs(env, 20); log.Enqueue("other done"); }, name: "other");

        kit.RunToEnd();

        var fault = Assert.Single(kit.Machine.Status.Faults);
        Assert.Equal(worker, fault.Thread);
        Assert.Equal(faulty.Task, fault.Task);
        Assert.Null(fault.Error);
        Assert.Equal(new MachException(ExceptionType.BadInstruction, 3, 4), fault.Exception);
        Assert.Equal([new ExceptionAttempt(ExceptionLevel.Thread, true, (int)KernReturn.Failure), new ExceptionAttempt(ExceptionLevel.Task, true, (int)KernReturn.InvalidArgument)],
            fault.Tried.ToList());
        Assert.Contains("thread port: KERN_FAILURE (5), task port: KERN_INVALID_ARGUMENT (4)", fault.ToString());
        Assert.Equal(["other done"], log);
        Assert.Equal(KernReturn.InvalidArgument, kit.Call<TaskInfoReply>(faulty.Task!, new TaskInfo()).Result);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void RaiseException_HandlerPortDiesWithTheRequestQueued_SendOnceNotificationGoesToTheNextLevel()
    {
        using var kit = new MachineKit(cpus: 2);
        var log = new List<string>();
        kit.Start(async env =>
        {
            var threadLevel = await NewExceptionPort(env);
            var created = await env.ThreadCreate(env.TaskSelf, async e => { await e.RaiseException(ExceptionType.Emulation, 1, 2); return null; }, "worker");
            await env.ThreadSetSpecialPort(created.Thread, SpecialPorts.Exception, threadLevel);
            await env.ThreadResume(created.Thread);
            while ((await env.PortGetReceiveStatus(threadLevel)).MsgCount == 0) await env.Compute(CyclesPerMs);
            log.Add($"queued {(await env.PortGetReceiveStatus(threadLevel)).MsgCount}");
            await env.PortDestroy(threadLevel); // the task may be terminated before this returns
            await env.CThreadJoin(created.Thread); // never returns: no task handler, the task is terminated
            log.Add("joined");
        });

        kit.RunToEnd();

        Assert.Equal(["queued 1"], log);
        var fault = Assert.Single(kit.Machine.Status.Faults);
        Assert.Equal([new ExceptionAttempt(ExceptionLevel.Thread, true, (int)MigReturn.ServerDied), new ExceptionAttempt(ExceptionLevel.Task, false, 0)], fault.Tried.ToList());
        Assert.Contains("thread port: MIG_SERVER_DIED (-308), task port: none", fault.ToString());
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void RaiseException_HandlerDefersItsReply_ThreadStaysParkedWithoutCpuTimeUntilTheReply(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var log = new List<string>();
        var workerLog = new List<string>();
        ThreadHandle? worker = null;
        kit.Start(async env =>
        {
            var p = await NewExceptionPort(env);
            await env.TaskSetSpecialPort(env.TaskSelf, SpecialPorts.Exception, p);
            var created = await env.ThreadCreate(env.TaskSelf, async e =>
            {
                worker = e.Self;
                await ComputeMs(e, 2);
                workerLog.Add($"raise returned {await e.RaiseException(ExceptionType.Breakpoint)}");
                await ComputeMs(e, 2);
                return null;
            }, "worker");
            await env.ThreadResume(created.Thread);
            MigReplyHandle deferred = default;
            await env.ExceptionServerOnce(p, request =>
            {
                deferred = request.Reply;
                return Task.FromResult((KernReturn)MigReturn.NoReply);
            });
            await UntilWaiting(env, created.Thread);
            var before = (await env.ThreadStatus(created.Thread))!;
            await ComputeMs(env, 10);
            var after = (await env.ThreadStatus(created.Thread))!;
            log.Add($"parked {after.State} cpu unchanged {before.CpuTime == after.CpuTime}");
            log.Add($"late reply {await env.ExceptionReply(deferred, KernReturn.Success)}");
            await env.CThreadJoin(created.Thread);
            log.Add("joined");
        });

        kit.RunToEnd();

        Assert.Equal(["parked Waiting cpu unchanged True", "late reply Success", "joined"], log);
        Assert.Equal(["raise returned Success"], workerLog);
        Assert.True(kit.Info(worker!).CpuTime < Ms(5));
        Assert.Empty(kit.Machine.Status.Faults);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void RaiseException_HandlerSuspendsThroughTheThreadPortThenReplies_ThreadRunsOnlyAfterResume()
    {
        using var kit = new MachineKit(cpus: 2);
        var log = new List<string>();
        kit.Start(async env =>
        {
            var p = await NewExceptionPort(env);
            var created = await env.ThreadCreate(env.TaskSelf, async e => { await e.RaiseException(ExceptionType.Breakpoint); log.Add("worker on"); return null; }, "worker");
            await env.ThreadSetSpecialPort(created.Thread, SpecialPorts.Exception, p);
            await env.ThreadResume(created.Thread);
            await env.ExceptionServerOnce(p, async request =>
            {
                log.Add($"suspend {await env.ThreadSuspend(request.Thread)}"); // a debugger keeps it stopped
                return KernReturn.Success;
            });
            await ComputeMs(env, 5);
            log.Add("resume");
            await env.ThreadResume(created.Thread);
            await env.CThreadJoin(created.Thread);
        });

        kit.RunToEnd();

        Assert.Equal(["suspend Success", "resume", "worker on"], log);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void RaiseException_ThreadAbortedWhileWaiting_ResumesWithAbortedAndALateReplyIsDestroyed()
    {
        using var kit = new MachineKit(cpus: 2);
        var log = new List<string>();
        var workerLog = new List<string>();
        kit.Start(async env =>
        {
            var p = await NewExceptionPort(env);
            var created = await env.ThreadCreate(env.TaskSelf, async e =>
            {
                workerLog.Add($"first {await e.RaiseException(ExceptionType.Breakpoint, 1)}");
                workerLog.Add($"second {await e.RaiseException(ExceptionType.Breakpoint, 2)}");
                return null;
            }, "worker");
            await env.ThreadSetSpecialPort(created.Thread, SpecialPorts.Exception, p);
            await env.ThreadResume(created.Thread);
            MigReplyHandle first = default;
            await env.ExceptionServerOnce(p, async request =>
            {
                first = request.Reply;
                log.Add($"abort {await env.ThreadAbort(request.Thread)}");
                return (KernReturn)MigReturn.NoReply;
            });
            await env.ExceptionServerOnce(p, request =>
            {
                log.Add($"caught code {request.Exception.Code}");
                return Task.FromResult((KernReturn)MigReturn.NoReply);
            });
            log.Add($"stale reply {await env.ExceptionReply(first, KernReturn.Success)}"); // the first reply port was discarded: a dead name
            await ComputeMs(env, 5);
            log.Add($"still parked {workerLog.Count}");
            await env.ThreadAbort(created.Thread);
            await env.CThreadJoin(created.Thread);
        });

        kit.RunToEnd();

        Assert.Equal(["abort Success", "caught code 2", "stale reply SendInvalidDest", "still parked 1"], log);
        Assert.Equal(["first Aborted", "second Aborted"], workerLog);
        Assert.Empty(kit.Machine.Status.Faults);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void ProgramThrowsDivideByZero_HandlerSeesArithmeticAndItsSuccessEndsTheThreadQuietly(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var log = new List<string>();
        kit.Start(async env =>
        {
            var p = await NewExceptionPort(env);
            await env.TaskSetSpecialPort(env.TaskSelf, SpecialPorts.Exception, p);
            var zero = 0;
            var created = await env.ThreadCreate(env.TaskSelf, async e => { await e.Compute(CyclesPerMs); return 1 / zero; }, "divider");
            await env.ThreadResume(created.Thread);
            await env.ExceptionServerOnce(p, r => { log.Add($"caught {r.Exception}"); return Task.FromResult(KernReturn.Success); });
            var joined = await env.CThreadJoin(created.Thread);
            log.Add($"joined {joined.Result} {joined.Value ?? "null"}");
        });

        kit.RunToEnd();

        Assert.Equal(["caught EXC_ARITHMETIC code 1 subcode 0", "joined Success null"], log);
        Assert.Empty(kit.Machine.Status.Faults);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void ProgramThrowsOverflowWithNoHandler_ReportCarriesArithmeticOverflow()
    {
        using var kit = new MachineKit(cpus: 1);
        var max = int.MaxValue;
        kit.Start(async env => { await env.Compute(CyclesPerMs); _ = checked(max + 1); });

        kit.RunToEnd();

        var fault = Assert.Single(kit.Machine.Status.Faults);
        Assert.IsType<OverflowException>(fault.Error);
        Assert.Equal(new MachException(ExceptionType.Arithmetic, ExceptionCodes.Overflow, 0), fault.Exception);
    }

    [Fact]
    public void RaiseException_FromHostCode_InvalidArgument()
    {
        using var kit = new MachineKit(cpus: 1);
        var started = kit.Start(env => ComputeMs(env, 5));

        var answer = kit.Call<KernReturn>(started.MainThread!, new RaiseException(new MachException(ExceptionType.Breakpoint, 0, 0)));

        Assert.Equal(KernReturn.InvalidArgument, answer);
        kit.RunToEnd();
        Assert.Empty(kit.Machine.Status.Faults);
    }

    private static async Task<PortName> NewExceptionPort(MachEnv env)
    {
        var p = await env.MachReplyPort();
        await env.PortInsertRight(p, p, MsgType.MakeSend);
        return p;
    }

    /// <summary>A kernel port's send-right count, asked from host code.</summary>
    private static int SRights(MachineKit kit, PortRef port)
    {
        var probe = new TestProbe(kit.Sys, "status" + port.Id);
        port.Actor.Tell(new PortGetStatus(new CallerReply(probe.Ref, null, null, null)));
        return probe.ExpectMsg<PortStatus>().SRights;
    }
}
