using System.Collections.Immutable;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Programs;
using MachActors.Kernel.User;
using MachActors.Personalities.Unix.Fs;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix;

/// <summary>
/// The UNIX server: a user-level Mach task (docs/UNIX.md) holding the process table, every process's
/// descriptors and signals, the file system and the console. One thread runs a mach_msg_server loop
/// on a port set holding each process's port (its system calls, MIG subsystem <see cref="IUnixCalls"/>)
/// and the exception port every process task has (faults become signals). Blocking calls (a pipe read
/// or write, a console read, wait, nanosleep) keep their reply right and are answered later (MIG_NO_REPLY), so the loop never
/// waits for a process; sleeps end by the loop's receive timeout. The set also holds the pager port: the server is the task pager of the files exec
/// and mmap map. The decisions are in plain classes (Server/: ProcessTable, FdTable, OpenFile, Pipe,
/// SignalState, FileObjectTable, ConsoleReader); this class carries them out with Mach calls. Split:
/// .Processes (fork, exec, exit, wait, exceptions), .Files (descriptors, pipes, the file system, the
/// console), .Signals (kill, sigaction, sigprocmask, EINTR, nanosleep), .Console (console reads that block, through device_read_request), .Pager (files as memory objects).
/// </summary>
public sealed partial class UnixServer
{
    /// <summary>Where exec maps a program's text in its task (one page; the header names the program).</summary>
    public const ulong TextAddress = 0x10000;

    /// <summary>The magic first line of a /bin text image.</summary>
    public const string TextMagic = "MACH-UNIX-TEXT";

    private readonly MachEnv _env;
    private readonly UnixConfig _config;
    private IUnixFileSystem _fs;
    private readonly ProcessTable _table = new();
    private readonly Dictionary<PortName, int> _byPort = [];
    private readonly Dictionary<PortName, int> _byTask = [];
    private readonly Dictionary<long, PendingCall> _pending = [];
    private PortName _set, _exceptionPort, _console;
    private long _nextToken;
    private bool _shutdown;

    private UnixServer(MachEnv env, UnixConfig config)
    {
        _env = env;
        _config = config;
        _fs = config.FileSystem;
    }

    /// <summary>The server's program, to register with the machine's <see cref="ProgramRegistry"/> (a task the host starts: it needs the device master port for the console).</summary>
    public static MachProgram Program(UnixConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return (env, _) => new UnixServer(env, config).Run();
    }

    /// <summary>Registers the server as <paramref name="name"/> in <paramref name="programs"/>.</summary>
    public static ProgramRegistry Register(ProgramRegistry programs, UnixConfig config, string name = "unix")
    {
        ArgumentNullException.ThrowIfNull(programs);
        return programs.Register(name, Program(config), "the UNIX server (docs/UNIX.md)");
    }

    /// <summary>Boots (ports, console, /bin, init) and serves until init ends (with <see cref="UnixConfig.ShutdownWhenInitExits"/>).</summary>
    private async Task Run()
    {
        _set = (await _env.PortAllocate(PortRight.PortSet)).Name;
        _exceptionPort = await _env.MachReplyPort();
        await _env.PortInsertRight(_exceptionPort, _exceptionPort, MsgType.MakeSend);
        await _env.PortMoveMember(_exceptionPort, _set);
        if (_config.ConsoleDevice.Length > 0 && _env.DeviceMasterPort != PortName.Null)
        {
            var (code, console) = await _env.DeviceOpen(_env.DeviceMasterPort, Kernel.Device.DeviceMode.Read | Kernel.Device.DeviceMode.Write, _config.ConsoleDevice);
            if (code == Kernel.Device.DeviceReturn.Success) _console = console;
        }
        await StartConsoleReads();
        if (!await MountDisk()) return;
        await StartPager();
        await InstallBin();
        if (await StartInit() is var started and not Errno.None)
        {
            _config.BootFailed?.Invoke($"init '{_config.Init}' did not start: {started}");
            return;
        }
        while (!_shutdown)
        {
            await WakeSleepers();
            if (!_backlog.TryDequeue(out var message))
            {
                var received = await _env.Receive(_set, UntilNextWake());
                if (received.Return != MachMsgReturn.Success || received.Message is null) continue;
                message = received.Message;
            }
            await Dispatch(message);
        }
        await DrainPager();
        await _fs.Sync();
        if (_console != PortName.Null) await _env.DeviceClose(_console);
    }

    /// <summary>One message on the server's set, by the port it came in on: an exception, a kernel call for a file's memory object, the console's read reply, or a system call.</summary>
    private async Task Dispatch(MachMessage message)
    {
        if (message.Header.Local == _exceptionPort) await OnException(message);
        else if (message.Header.Local == _pagerPort) await _pager.Handle(message);
        else if (message.Header.Local == _consoleReplies) await OnConsoleReply(message);
        else await OnCall(message);
    }

    /// <summary>One system call: the generated demux picks the routine; the routine runs (and answers now or later). A malformed request gets MIG's error reply and its other rights are destroyed.</summary>
    private async Task OnCall(MachMessage message)
    {
        var catcher = new Catcher(this);
        var result = UnixCallsServer.Demux(message, catcher);
        await DeferredCalls.Finish(_env, message, catcher.Call, result.Reply);
    }

    /// <summary>The caller of a request that came in on <paramref name="port"/>: its running process, or null (a stale port).</summary>
    private Process? Caller(PortName port) =>
        _byPort.TryGetValue(port, out var pid) && _table.Find(pid) is { State: ProcessState.Running } p ? p : null;

    private long NewToken() => ++_nextToken;

    /// <summary>Sends <paramref name="reply"/> (null: nothing to send).</summary>
    private async Task Answer(MachMessage? reply)
    {
        if (reply is not null) await _env.Send(reply);
    }

    /// <summary>The short error reply carrying <paramref name="error"/> as its RetCode.</summary>
    private Task Fail(MigReplyHandle reply, Errno error) => Answer(MigServer.ErrorReply(reply, (int)error));

    /// <summary>A request that will never be answered (exit, exec, a process killed): its reply right is released.</summary>
    private async Task Drop(MigReplyHandle reply)
    {
        if (!reply.IsNull) await _env.PortDeallocate(reply.Port);
    }

    /// <summary>What a blocked call needs to be answered: whose it is, its reply, what it waits in (and the pipe, for a pipe call).</summary>
    private sealed record PendingCall(int Pid, MigReplyHandle Reply, BlockedIn Kind, Pipe? Pipe = null);

    /// <summary>What a blocked call waits in (the decision class that holds it).</summary>
    private enum BlockedIn
    {
        Pipe,
        Console,
        Wait,
        Sleep,
    }

    private static ImmutableArray<byte> Bytes(byte[] data) => ImmutableArray.Create(data);
}
