using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Emulation;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Scenarios.Unix;

/// <summary>
/// A scenario on a machine running the UNIX server (docs/UNIX.md; docs/EXPLORATION.md, "UNIX scenarios"):
/// every iteration boots a small machine (2 CPUs, 128 frames of 1 KiB, no console, no swap), starts the
/// server with one program as init (pid 1), and runs until the server shuts down when init ends. Init
/// and the processes it forks record the first thing they saw wrong in the iteration's
/// <see cref="UnixVerdict"/>; the check is that verdict, then init's exit status 0 and no thread faulted.
/// The kernel's monitors (<see cref="MachineScenario"/>) watch the server and its processes as any tasks.
/// </summary>
public abstract class UnixScenario : MachineScenario
{
    /// <summary>The page size of the iteration's machine.</summary>
    public const int PageSize = 1024;

    /// <summary>2 CPUs, 128 frames of 1 KiB: the server, init and a few children fit without paging.</summary>
    protected override MachineConfig Config => new() { CpuCount = 2, PageSize = PageSize, FrameCount = 128 };

    /// <summary>The liveness bound: an iteration ends within 1 s of virtual time (the clean runs take a few milliseconds).</summary>
    protected override Duration TimeLimit => Duration.FromSeconds(1);

    /// <summary>Test-only: the UNIX server's seeded bugs in each iteration (none by default; docs/UNIX.md, "Tests").</summary>
    internal UnixSeededBugs Bugs { get; init; }

    /// <summary>Init's program for one iteration; it records what it (and its children) saw wrong in <paramref name="verdict"/>.</summary>
    protected abstract UnixProgram Init(UnixVerdict verdict);

    /// <summary>Creates <paramref name="path"/> (open read-write) holding <paramref name="contents"/> and maps all of it MAP_SHARED: its descriptor and address, or which call failed.</summary>
    protected static async Task<(string? Failed, int Fd, ulong At)> CreateMappedShared(UnixEnv u, string path, byte[] contents)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(contents);
        var (opened, fd) = await u.Open(path, OpenFile.Create | OpenFile.ReadWrite);
        if (opened != Errno.None) return ($"open: {opened}", fd, 0);
        if (await u.Write(fd, contents) is not (Errno.None, var written) || written != contents.Length) return ("the first write(2) was short", fd, 0);
        var (mapped, at) = await u.Mmap(fd, 0, contents.Length, flags: MmapFlags.Shared);
        return (mapped != Errno.None ? $"mmap: {mapped}" : null, fd, at);
    }

    /// <summary>Starts the server with <see cref="Init"/> as pid 1; the check reads the verdict, init's status and the machine's faults.</summary>
    protected sealed override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var verdict = new UnixVerdict();
        int? exited = null;
        var config = new UnixConfig
        {
            Programs = new UnixProgramRegistry().Register("init", Init(verdict)),
            ConsoleDevice = "",
            SeededBugs = Bugs,
            InitExited = status => exited = status,
            BootFailed = why => verdict.Fail("the server did not boot: " + why),
        };
        run.Start("unix", UnixServer.Program(config));
        return () => verdict.Wrong
            ?? (exited is not { } status ? "init never ended"
                : status != 0 ? $"init ended with wait status {status:x}"
                : NoFault(run));
    }
}

/// <summary>What one iteration's processes saw wrong: the first failure each recorded (the processes of one machine run one at a time under the controlled dispatcher).</summary>
public sealed class UnixVerdict
{
    /// <summary>The first failure recorded, or null.</summary>
    public string? Wrong { get; private set; }

    /// <summary>Records <paramref name="what"/> unless a failure was recorded before; returns the exit status to end with (1).</summary>
    public int Fail(string what)
    {
        Wrong ??= what;
        return 1;
    }
}
