using System.Text;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;
using MachActors.Kernel.User;
using MachActors.Kernel.Vm;
using MachActors.Personalities.Unix.Emulation;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix;

/// <summary>Processes: creation (init, fork, exec), their Mach setup, exit, wait, exceptions as signals (kill and the rest of signals: .Signals).</summary>
public sealed partial class UnixServer
{
    private readonly Dictionary<int, Queue<WaitCompletion>> _reportAgain = []; // the seeded WaitReportsTwice bug only

    /// <summary>
    /// The standard directories (/dev, /bin, /tmp: a disk formatted by mkfs has them already, the in-memory
    /// file system gets them here) and /bin/NAME for every registered program: its text image, one header
    /// line naming it.
    /// </summary>
    private async Task InstallBin()
    {
        foreach (var dir in Fs.DiskFileSystem.StandardDirectories) await _fs.Mkdir(dir); // EEXIST on a formatted disk
        foreach (var name in _config.Programs.Names)
        {
            var (error, inode) = await _fs.Create("/bin/" + name, exclusive: false);
            if (error == Errno.None) await _fs.Write(inode, 0, Encoding.UTF8.GetBytes($"{TextMagic} {name}\n"));
        }
    }

    /// <summary>pid 1 runs the configured init; fds 0, 1 and 2 are the console.</summary>
    private async Task<Errno> StartInit()
    {
        var init = _table.Add(0, _config.Init);
        if (_console != PortName.Null)
        {
            var console = new OpenFile(OpenFileKind.Console, readable: true, writable: true);
            for (var fd = 0; fd < 3; fd++) init.Fds.Add(console);
        }
        var error = await Load(init, BinPath(_config.Init), [_config.Init, .. _config.InitArgs], EnvironmentList.Clean(_config.InitEnvironment));
        if (error != Errno.None) _table.Exit(init.Pid, WaitStatus.Exited(127));
        return error;
    }

    /// <summary>
    /// Runs the program whose text image is <paramref name="path"/> (absolute) in a new task for
    /// <paramref name="p"/> (init, exec): the image is read from the file system (ENOENT without one;
    /// ENOEXEC when its header is not a registered program's), the task is made and set up, the file's
    /// memory object (the server pages it: "Files as memory objects") is mapped read-only at
    /// <see cref="TextAddress"/>, and the main thread starts: it first reads its text's header, as a CPU
    /// fetches the first instruction, so every exec faults its text page in through the server's pager (or
    /// finds it cached). The old task (exec) is terminated once the new one is ready. The program's library
    /// starts with <paramref name="environ"/> (as UNIX's exec copies envp onto the new stack; the server keeps no copy).
    /// </summary>
    private async Task<Errno> Load(Process p, string path, IReadOnlyList<string> argv, IReadOnlyList<string> environ)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var (looked, inode) = await _fs.Lookup(path);
        if (looked != Errno.None) return looked;
        var (read, text) = await _fs.Read(inode, 0, _env.Machine.PageSize);
        if (read != Errno.None) return read;
        var header = Encoding.UTF8.GetString(text).Split('\n')[0].Split(' ');
        if (header.Length != 2 || header[0] != TextMagic || _config.Programs.Find(header[1]) is not { } program) return Errno.ENOEXEC;
        if (await _fs.StatInode(inode) is not (Errno.None, { } stat) || await ObjectFor(inode) is not { } textObject) return Errno.EIO;
        var (created, task) = await _env.TaskCreate(_env.TaskSelf, $"{name}[{p.Pid}]");
        if (created != KernReturn.Success) return Errno.EAGAIN;
        var old = p.Task;
        p.Task = task;
        await Attach(p, old);
        var (vector, handlers) = Syscalls.Vector();
        await _env.TaskSetEmulationVector(task, vector, handlers);
        var page = (ulong)_env.Machine.PageSize;
        var textSize = Math.Max(page, ((ulong)stat.Size + page - 1) / page * page);
        await _env.VmMap(task, TextAddress, textSize, 0, false, textObject.MemoryObject, 0, false, VmProt.Read | VmProt.Execute, VmProt.Read | VmProt.Execute);
        p.Name = name;
        p.Mappings.Clear(); // the new task has only its text
        ThreadBody body = async env =>
        {
            var u = new UnixEnv(env, environ);
            await u.TextHeader(); // the first instruction fetch: the text page faults in through the server (or its cache)
            await u.Exit(await program(u, argv));
            return null;
        };
        var (threaded, thread) = await _env.ThreadCreate(task, body, name);
        if (threaded == KernReturn.Success)
        {
            await _env.ThreadResume(thread);
            await _env.PortDeallocate(thread);
        }
        return Errno.None;
    }

    /// <summary>
    /// Sets a process's new task up: its process port (made on first use, a member of the server's set)
    /// as the task's bootstrap port, the server's exception port as its exception port. The task
    /// <paramref name="old"/> it replaces (exec) is terminated.
    /// </summary>
    private async Task Attach(Process p, PortName old)
    {
        if (p.Port == PortName.Null)
        {
            p.Port = await _env.MachReplyPort();
            await _env.PortMoveMember(p.Port, _set);
            _byPort[p.Port] = p.Pid;
        }
        await _env.PortInsertRight(p.Port, p.Port, MsgType.MakeSend);
        await _env.TaskSetSpecialPort(p.Task, SpecialPorts.Bootstrap, p.Port);
        await _env.PortDeallocate(p.Port); // the task holds its own copy
        await _env.TaskSetSpecialPort(p.Task, SpecialPorts.Exception, _exceptionPort);
        _byTask[p.Task] = p.Pid;
        if (old != PortName.Null)
        {
            _byTask.Remove(old);
            await _env.TaskTerminate(old);
            await _env.PortDeallocate(old);
        }
    }

    private async Task DoGetpid(PortName port, MigReplyHandle reply)
    {
        if (Caller(port) is not { } p) await Fail(reply, Errno.ESRCH);
        else await Answer(UnixCallsServer.GetpidReply(reply, 0, p.Signals.TakePending(), p.Pid, p.Parent));
    }

    /// <summary>fork: a child task forked from the caller's (copy-on-write by each region's inheritance), the caller's descriptors (shared open files) and dispositions; the caller gets the child's pid and task port and starts the child's thread on it (docs/UNIX.md, "fork").</summary>
    private async Task DoFork(PortName port, MigReplyHandle reply)
    {
        if (Caller(port) is not { } parent)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        if ((_config.SeededBugs & UnixSeededBugs.ForkSharesMemory) != 0) await ShareAll(parent.Task);
        var (code, task) = await _env.TaskCreate(parent.Task, $"{parent.Name}[fork]", inheritMemory: true);
        if (code != KernReturn.Success)
        {
            await Fail(reply, Errno.EAGAIN);
            return;
        }
        var child = _table.Add(parent.Pid, parent.Name);
        child.Task = task;
        child.Fds = parent.Fds.Clone();
        child.Cwd = parent.Cwd;
        child.Signals = parent.Signals.Clone();
        child.Mappings = parent.Mappings.Clone();
        await Attach(child, PortName.Null); // the emulation vector came with task_create
        await Answer(UnixCallsServer.ForkReply(reply, 0, parent.Signals.TakePending(), child.Pid, task));
    }

    /// <summary>The seeded bug: every region of the task is inherited shared.</summary>
    private async Task ShareAll(PortName task)
    {
        ulong at = 0;
        while (await _env.VmRegion(task, at) is (KernReturn.Success, { } region))
        {
            await _env.VmInherit(task, region.Start, region.Size, VmInherit.Share);
            at = region.Start + region.Size;
        }
    }

    /// <summary>The text image of the program a name without '/' runs (the one directory searched).</summary>
    private static string BinPath(string name) => "/bin/" + name;

    /// <summary>execv, the old call without an environment: precondition a running caller (else ESRCH). A name with '/' is a path (resolved from the caller's directory), any other is /bin/NAME; the program starts with an empty environment. As <see cref="Execute"/>.</summary>
    private Task DoExec(PortName port, MigReplyHandle reply, string name, string args) =>
        Execute(port, reply, name.Contains('/', StringComparison.Ordinal) ? name : BinPath(name), args.Length == 0 ? [name] : args.Split(EnvironmentList.Separator), []);

    /// <summary>execve: precondition a running caller (else ESRCH). <paramref name="path"/> is resolved from the caller's directory (no search: the library's execvp searches PATH); the arguments (none: the path) and the environment's well-formed entries go to the new program. As <see cref="Execute"/>.</summary>
    private Task DoExecve(PortName port, MigReplyHandle reply, string path, string args, string env) =>
        Execute(port, reply, path, args.Length == 0 ? [path] : args.Split(EnvironmentList.Separator), EnvironmentList.Clean(EnvironmentList.Split(env)));

    /// <summary>On success the caller's task is replaced (no reply), caught signals go back to default; else the errno of <see cref="Load"/>.</summary>
    private async Task Execute(PortName port, MigReplyHandle reply, string path, IReadOnlyList<string> argv, IReadOnlyList<string> environ)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        var error = await Load(p, Resolve(p, path), argv, environ);
        if (error != Errno.None)
        {
            await Fail(reply, error);
            return;
        }
        p.Signals.ResetForExec();
        await Drop(reply); // the caller's task is gone
    }

    private async Task DoExit(PortName port, MigReplyHandle reply, int status)
    {
        if (Caller(port) is { } p) await End(p, WaitStatus.Exited(status));
        await Drop(reply);
    }

    private async Task DoWait(PortName port, MigReplyHandle reply, int pid, int options)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        if (_reportAgain.TryGetValue(p.Pid, out var again) && again.TryDequeue(out var twice))
        {
            await Answer(UnixCallsServer.WaitReply(reply, 0, p.Signals.TakePending(), twice.Pid, twice.Status));
            return;
        }
        var token = NewToken();
        var (error, done) = _table.Wait(p.Pid, pid, (options & WaitStatus.NoHang) != 0, token);
        if (error != Errno.None) await Fail(reply, error);
        else if (done is not null) await Waited(done, reply);
        else await Block(p, token, new PendingCall(p.Pid, reply, BlockedIn.Wait));
    }

    private async Task Waited(WaitCompletion done, MigReplyHandle reply)
    {
        var signals = _table.Find(done.Waiter)?.Signals.TakePending() ?? 0;
        if ((_config.SeededBugs & UnixSeededBugs.WaitReportsTwice) != 0 && done.Pid != 0)
        {
            if (!_reportAgain.TryGetValue(done.Waiter, out var q)) _reportAgain[done.Waiter] = q = new Queue<WaitCompletion>();
            q.Enqueue(done);
        }
        await Answer(UnixCallsServer.WaitReply(reply, 0, signals, done.Pid, done.Status));
    }

    /// <summary>
    /// The process ended (exit, a signal, a fault): a blocked call of its (pipe, console read, wait) is forgotten
    /// (its reply right released only once the task is terminated, so the thread never runs on), its descriptors
    /// close (pipe ends too: readers see EOF, writers EPIPE), its task is terminated, its port destroyed,
    /// its parent gets SIGCHLD and a wait that was waiting for it completes. When init ends the server
    /// shuts down (every other process is killed).
    /// </summary>
    private async Task End(Process p, int status)
    {
        if (p.State != ProcessState.Running) return;
        PendingCall? blocked = null;
        if (p.Blocked is { } token && _pending.Remove(token, out blocked))
        {
            blocked.Pipe?.Cancel(token);
            _consoleReader.Cancel(token);
            _sleepers.Cancel(token, _env.Now);
        }
        _table.CancelWait(p.Pid);
        var done = new List<PipeCompletion>();
        foreach (var file in p.Fds.CloseAll()) Release(file, done);
        var parent = p.Parent;
        var waits = _table.Exit(p.Pid, status);
        _byTask.Remove(p.Task);
        _byPort.Remove(p.Port);
        await _env.TaskTerminate(p.Task);
        if (blocked is not null) await Drop(blocked.Reply); // after the task is gone: released earlier, the reply right's death would wake the thread
        await _env.PortDeallocate(p.Task);
        await _env.PortDestroy(p.Port);
        p.Task = p.Port = PortName.Null;
        foreach (var w in waits)
        {
            if (_pending.Remove(w.Token, out var pending)) await Waited(w, pending.Reply);
        }
        await Complete(done);
        if (_table.Find(parent) is { State: ProcessState.Running } father) await Post(father, Signal.SIGCHLD);
        if (p.Pid == ProcessTable.InitPid) _config.InitExited?.Invoke(status);
        if (p.Pid == ProcessTable.InitPid && _config.ShutdownWhenInitExits)
        {
            _shutdown = true;
            foreach (var other in _table.All.Where(o => o.State == ProcessState.Running).ToList()) await End(other, WaitStatus.Signaled(Signal.SIGKILL));
        }
    }

    /// <summary>
    /// An exception_raise on the server's exception port (spec 6, "Unix personality"): the faulting
    /// process is terminated with the exception's signal (SIGSEGV, SIGILL, SIGFPE, SIGEMT, SIGTRAP, or per
    /// software code SIGSYS, SIGPIPE, SIGABRT); the answer is KERN_SUCCESS. A task that is no process of
    /// this server gets KERN_FAILURE (the kernel then terminates it).
    /// </summary>
    private async Task OnException(MachMessage message)
    {
        var (caught, error) = ExceptionCatcher.Demux(message);
        if (caught is not { } request)
        {
            await Answer(error);
            return;
        }
        var known = _byTask.TryGetValue(request.Task, out var pid) && _table.Find(pid) is { State: ProcessState.Running };
        if (known) await End(_table.Find(pid)!, WaitStatus.Signaled(SignalOf(request.Exception)));
        await Answer(Kernel.Mig.Interfaces.ExcServer.ExceptionRaiseReply(request.Reply, known ? KernReturn.Success : KernReturn.Failure));
        await _env.PortDeallocate(request.Thread);
        await _env.PortDeallocate(request.Task);
    }

    /// <summary>The signal an exception becomes (spec 6).</summary>
    internal static int SignalOf(MachException e) => e.Type switch
    {
        ExceptionType.BadAccess => Signal.SIGSEGV,
        ExceptionType.BadInstruction => Signal.SIGILL,
        ExceptionType.Arithmetic => Signal.SIGFPE,
        ExceptionType.Emulation => Signal.SIGEMT,
        ExceptionType.Breakpoint => Signal.SIGTRAP,
        _ => e.Code switch
        {
            ExceptionCodes.UnixBadSyscall => Signal.SIGSYS,
            ExceptionCodes.UnixBadPipe => Signal.SIGPIPE,
            _ => Signal.SIGABRT,
        },
    };
}
