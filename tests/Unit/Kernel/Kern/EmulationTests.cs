using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;

namespace MachActors.Tests.Unit.Kernel.Kern;

/// <summary>
/// The emulation vector on whole machines (spec 4.1 "Emulation", docs/UNIX.md): task_set/get_emulation_vector
/// on a task port, inheritance by task_create, the system call trap's redirect, and an unemulated number
/// raised as EXC_SOFTWARE / EXC_UNIX_BAD_SYSCALL to the task's exception port.
/// </summary>
public sealed class EmulationTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void SetThenGet_OwnTask_ReadsBackAndSecondSetReplaces(DispatcherKind kind)
    {
        using var kit = new MachineKit(dispatcher: kind);
        var log = new List<string>();
        kit.Start(async env =>
        {
            log.Add($"set {await env.TaskSetEmulationVector(env.TaskSelf, 3, [7, 8])}");
            var (code, start, handlers) = await env.TaskGetEmulationVector(env.TaskSelf);
            log.Add($"get {code} {start} [{string.Join(",", handlers)}]");
            await env.TaskSetEmulationVector(env.TaskSelf, 4, [9]);
            (_, start, handlers) = await env.TaskGetEmulationVector(env.TaskSelf);
            log.Add($"again {start} [{string.Join(",", handlers)}]");
            log.Add($"bad {await env.TaskSetEmulationVector(env.TaskSelf, -1, [1])}");
        });

        kit.RunToEnd();

        Assert.Equal(["set Success", "get Success 3 [7,8]", "again 3 [7,9]", "bad InvalidArgument"], log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void TaskCreate_ParentHasVector_ChildInheritsItWithAndWithoutMemory(DispatcherKind kind)
    {
        using var kit = new MachineKit(dispatcher: kind);
        var log = new List<string>();
        kit.Start(async env =>
        {
            await env.TaskSetEmulationVector(env.TaskSelf, 10, [42]);
            foreach (var inherit in new[] { false, true })
            {
                var (_, child) = await env.TaskCreate(env.TaskSelf, "child", inherit);
                var (code, start, handlers) = await env.TaskGetEmulationVector(child);
                log.Add($"{inherit} {code} {start} [{string.Join(",", handlers)}]");
                await env.TaskTerminate(child);
            }
        });

        kit.RunToEnd();

        Assert.Equal(["False Success 10 [42]", "True Success 10 [42]"], log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Syscall_EmulatedNumber_ReturnsTheHandlerInUserMode(DispatcherKind kind)
    {
        using var kit = new MachineKit(dispatcher: kind);
        var log = new List<string>();
        kit.Start(async env =>
        {
            await env.TaskSetEmulationVector(env.TaskSelf, 20, [5, 6]);
            var r = await env.Syscall(21);
            log.Add($"{r.Number} {r.Handler} {r.IsEmulated}");
            // A child made by task_create inherits the vector: its thread's trap is redirected the same way.
            var (_, child) = await env.TaskCreate(env.TaskSelf, "child");
            var (_, thread) = await env.ThreadCreate(child, async e => (await e.Syscall(20)).Handler);
            await env.ThreadResume(thread);
            log.Add($"child {(await env.CThreadJoin(thread)).Value}");
        });

        kit.RunToEnd();

        Assert.Equal(["21 6 True", "child 5"], log);
        Assert.Empty(kit.Machine.Status.Faults);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Syscall_NotEmulated_BadSyscallExceptionToTaskPortAndHandlerResumes(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var log = new List<string>();
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            await env.PortInsertRight(port, port, MsgType.MakeSend);
            var (_, child) = await env.TaskCreate(env.TaskSelf, "child");
            await env.TaskSetSpecialPort(child, SpecialPorts.Exception, port);
            var (_, thread) = await env.ThreadCreate(child, async e =>
            {
                var r = await e.Syscall(77);
                return $"{r.IsEmulated} {r.Raised}";
            });
            await env.ThreadResume(thread);
            await env.ExceptionServerOnce(port, request =>
            {
                log.Add($"{request.Exception.Type} {request.Exception.Code:x} {request.Exception.Subcode}");
                return Task.FromResult(KernReturn.Success);
            });
            log.Add((string)(await env.CThreadJoin(thread)).Value!);
        });

        kit.RunToEnd();

        Assert.Equal(["Software 10000 77", "False Success"], log);
    }

    [Fact]
    public void Syscall_NotEmulatedAndNoHandler_TaskTerminatedWithFault()
    {
        using var kit = new MachineKit();
        var after = false;
        kit.Start(async env =>
        {
            await env.Syscall(1);
            after = true;
        });

        kit.RunToEnd();

        Assert.False(after);
        var fault = Assert.Single(kit.Machine.Status.Faults);
        Assert.Equal(new MachException(ExceptionType.Software, ExceptionCodes.UnixBadSyscall, 1), fault.Exception);
    }
}
