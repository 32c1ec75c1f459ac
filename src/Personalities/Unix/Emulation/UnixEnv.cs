using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;

namespace MachActors.Personalities.Unix.Emulation;

/// <summary>
/// The emulation library of one UNIX process's thread (docs/UNIX.md): every system call is a trap
/// (<see cref="MachEnv.Syscall"/>) that the task's emulation vector, set by the UNIX server and
/// inherited by children, turns back to user mode in this library's handler for the number; the
/// handler makes the MIG RPC (<c>UnixCallsClient</c>) to the process's port in the server, which the
/// server gave the task as its bootstrap port. A program reaches the server no other way. Every call
/// returns an <see cref="Errno"/> (None on success) and its value. Signals the server reports with a
/// reply run their handlers (<see cref="Signal(int, Func{UnixEnv, int, Task})"/>) before the call
/// returns. Split: .Calls (the system calls), .Environment (the environment, execve and execvp).
/// </summary>
public sealed partial class UnixEnv
{
    private readonly Dictionary<int, Func<UnixEnv, int, Task>> _handlers = [];
    private PortName _server;

    /// <summary>The library over the calling thread's machine view.</summary>
    public UnixEnv(MachEnv mach)
    {
        ArgumentNullException.ThrowIfNull(mach);
        Mach = mach;
    }

    /// <summary>The library of a thread whose process starts with environment <paramref name="environ"/> (exec's new program, fork's child); entries without '=' are dropped.</summary>
    public UnixEnv(MachEnv mach, IEnumerable<string> environ)
        : this(mach)
    {
        _environ = EnvironmentList.Clean(environ);
    }

    /// <summary>The thread's machine view (memory, compute; Mach calls a program does not need for UNIX).</summary>
    public MachEnv Mach { get; }

    /// <summary>The signals whose handlers ran, in order (for programs that count them).</summary>
    public List<int> Delivered { get; } = [];

    /// <summary>
    /// Enters system call <paramref name="number"/>: the trap; when the vector redirects it to this
    /// library's entry for the number, the server's port (looked up once: the task's bootstrap port).
    /// ENOSYS when the vector holds another handler, or none and the bad-syscall exception was answered.
    /// </summary>
    private async Task<(Errno Error, PortName Server)> Enter(int number)
    {
        var redirect = await Mach.Syscall(number);
        if (redirect.Handler != Syscalls.EntryFor(number)) return (Errno.ENOSYS, PortName.Null);
        if (_server == PortName.Null)
        {
            var (code, port) = await Mach.TaskGetSpecialPort(Mach.TaskSelf, SpecialPorts.Bootstrap);
            if (code != Kernel.KernReturn.Success || port == PortName.Null) return (Errno.ENOSYS, PortName.Null);
            _server = port;
        }
        return (Errno.None, _server);
    }

    /// <summary>
    /// Leaves a system call: runs the handlers of the signals the reply reported, and maps the RPC's code to
    /// an errno (MIG and mach_msg codes, e.g. a dead server, are EIO). EINTR comes as MIG's short error
    /// reply, which carries no signals: the library then fetches them (sigprocmask SIG_BLOCK of nothing,
    /// one more RPC, only then) and runs their handlers before the call returns EINTR (no SA_RESTART).
    /// </summary>
    private async Task<Errno> Leave(int code, int signals)
    {
        await RunHandlers(signals);
        if (code == (int)Errno.EINTR) await RunHandlers(await FetchSignals());
        return code switch
        {
            0 => Errno.None,
            > 0 and < 1000 => (Errno)code,
            _ => Errno.EIO,
        };
    }

    /// <summary>Runs the handlers of <paramref name="signals"/> (bit n = signal n), lowest first.</summary>
    private async Task RunHandlers(int signals)
    {
        for (var s = 1; signals != 0 && s <= Unix.Signal.Max; s++)
        {
            if ((signals & (1 << s)) == 0) continue;
            signals &= ~(1 << s);
            Delivered.Add(s);
            if (_handlers.TryGetValue(s, out var handler)) await handler(this, s);
        }
    }

    /// <summary>The caught signals pending in the server (taken): a sigprocmask that changes nothing.</summary>
    private async Task<int> FetchSignals()
    {
        var (e, s) = await Enter(Syscalls.Sigprocmask);
        if (e != Errno.None) return 0;
        var r = await Stub.SigprocmaskAsync(s, Server.SigprocmaskHow.Block, 0);
        return r.RetCode == 0 ? r.Signals : 0;
    }

    /// <summary>The client stub on this thread's transport.</summary>
    private UnixCallsClient Stub => new(Mach);

    /// <summary>
    /// signal(2), minimal: <paramref name="handler"/> runs (on this thread, when a system call returns)
    /// each time <paramref name="signal"/> arrives; null restores the default. The server records the
    /// disposition (Catch or Default); SIGKILL is EINVAL.
    /// </summary>
    public async Task<Errno> Signal(int signal, Func<UnixEnv, int, Task>? handler)
    {
        var error = await Sigaction(signal, handler is null ? SignalDisposition.Default : SignalDisposition.Catch);
        if (error == Errno.None)
        {
            if (handler is null) _handlers.Remove(signal);
            else _handlers[signal] = handler;
        }
        return error;
    }

    /// <summary>
    /// fork(2), the simulation's form: a C# continuation cannot be copied into another task, so the
    /// child's code is given as <paramref name="child"/>. The server forks the task (the child's memory is
    /// a copy-on-write copy of this one's, its descriptors share this process's open files); this library
    /// then starts the child's thread running <paramref name="child"/> on the task port the server handed
    /// over for that purpose (and drops that right). The parent gets the child's pid; the child's
    /// function's result is its exit status.
    /// </summary>
    public async Task<(Errno Error, int Pid)> Fork(Func<UnixEnv, Task<int>> child)
    {
        ArgumentNullException.ThrowIfNull(child);
        var (entered, server) = await Enter(Syscalls.Fork);
        if (entered != Errno.None) return (entered, -1);
        var r = await Stub.ForkAsync(server);
        var error = await Leave(r.RetCode, r.Signals);
        if (error != Errno.None) return (error, -1);
        ThreadBody body = async env =>
        {
            var u = new UnixEnv(env, _environ); // the child's memory is a copy: so is its environment
            await u.Exit(await child(u));
            return null;
        };
        var (created, thread) = await Mach.ThreadCreate(r.ChildTask, body, "fork");
        if (created == Kernel.KernReturn.Success)
        {
            await Mach.ThreadResume(thread);
            await Mach.PortDeallocate(thread);
        }
        await Mach.PortDeallocate(r.ChildTask);
        return (Errno.None, r.Pid);
    }

    /// <summary>_exit(2): the process ends with <paramref name="status"/>; never returns (ENOSYS if the call could not be made, and the thread then ends).</summary>
    public async Task<Errno> Exit(int status)
    {
        var (entered, server) = await Enter(Syscalls.Exit);
        if (entered == Errno.None) await Stub.ExitAsync(server, status);
        await Mach.Exit(); // not reached when the server ended the task
        return entered;
    }

    /// <summary>
    /// The raw system call trap with no emulation library entry behind it (what a program doing a call the
    /// library does not know would do): a number the vector does not hold is the bad-syscall exception,
    /// which the server turns into SIGSYS.
    /// </summary>
    public async Task<Errno> RawSyscall(int number)
    {
        var (entered, _) = await Enter(number);
        return entered == Errno.None ? Errno.ENOSYS : entered;
    }

    /// <summary>The first line of the program's text, as exec mapped it at <see cref="UnixServer.TextAddress"/> (read through this task's memory).</summary>
    public async Task<string> TextHeader()
    {
        var bytes = await Mach.Mem.Read(UnixServer.TextAddress, 64);
        return System.Text.Encoding.UTF8.GetString(bytes).Split('\n')[0];
    }
}
