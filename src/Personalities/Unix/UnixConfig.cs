using MachActors.Personalities.Unix.Fs;

namespace MachActors.Personalities.Unix;

/// <summary>Test-only deliberate bugs of the UNIX server, each of which one property must catch (docs/UNIX.md, "Tests").</summary>
[Flags]
internal enum UnixSeededBugs
{
    /// <summary>No bug.</summary>
    None = 0,

    /// <summary>fork shares the parent's memory with the child (inheritance set to share) instead of copying it.</summary>
    ForkSharesMemory = 1,

    /// <summary>A pipe read of two bytes or more loses its first byte.</summary>
    PipeDropsBytes = 2,

    /// <summary>A child already reaped is reported once more by the parent's next wait.</summary>
    WaitReportsTwice = 4,

    /// <summary>The file pager ignores data_return: a mapped file's dirty pages never reach the file system.</summary>
    PagerDropsReturns = 8,

    /// <summary>read, write, truncate and unlink do not settle a mapped file's pages first: read misses a mapper's writes, a mapper keeps stale pages after write.</summary>
    SettleSkipped = 16,

    /// <summary>A settle forgets every non-pager message it receives instead of keeping it in the backlog (not even destroyed: destroying a request would release its send-once reply right, and its caller would get an error instead of waiting): a system call (or exception) that arrives while a mapped file's pages settle is never answered, and its caller waits for ever.</summary>
    BacklogDropped = 32,
}

/// <summary>How the UNIX server is set up: its file system, its programs, the first process.</summary>
public sealed record UnixConfig
{
    /// <summary>The file system (default: a new <see cref="MemoryFileSystem"/>); not used when <see cref="DiskDevice"/> is set.</summary>
    public IUnixFileSystem FileSystem { get; init; } = new MemoryFileSystem();

    /// <summary>The programs exec can run; each is installed as /bin/NAME.</summary>
    public UnixProgramRegistry Programs { get; init; } = new();

    /// <summary>The first process's program (pid 1).</summary>
    public string Init { get; init; } = "init";

    /// <summary>init's arguments after argv[0].</summary>
    public IReadOnlyList<string> InitArgs { get; init; } = [];

    /// <summary>init's environment (NAME=value strings; entries without '=' are dropped): what every process inherits unless it changes its own. Default HOME=/ and PATH=/bin.</summary>
    public IReadOnlyList<string> InitEnvironment { get; init; } = ["HOME=/", "PATH=/bin"];

    /// <summary>When init ends, every process is killed and the server returns (so a machine run can end). Default true.</summary>
    public bool ShutdownWhenInitExits { get; init; } = true;

    /// <summary>The console device's name ("" for none: /dev/console then fails ENXIO-like with ENOENT).</summary>
    public string ConsoleDevice { get; init; } = "console";

    /// <summary>Each pipe's buffer.</summary>
    public int PipeCapacity { get; init; } = Server.Pipe.DefaultCapacity;

    /// <summary>
    /// The Disk device to keep the file system on (e.g. "disk0"; null: <see cref="FileSystem"/>). At boot the
    /// server opens it and mounts it, formatting a fresh (all-zero) disk first (<see cref="DiskFileSystem.MountOrFormat"/>);
    /// a damaged or unreadable one is reported to <see cref="BootFailed"/> and the server ends without
    /// starting init. When init ends the file system is synced to the disk.
    /// </summary>
    public string? DiskDevice { get; init; }

    /// <summary>Called (on the server's thread) with one line saying why, when the server cannot boot (the disk's file system does not mount, init does not start).</summary>
    public Action<string>? BootFailed { get; init; }

    /// <summary>Called (on the server's thread) with init's wait status when init ends (a host's exit status).</summary>
    public Action<int>? InitExited { get; init; }

    /// <summary>Test-only seeded bugs.</summary>
    internal UnixSeededBugs SeededBugs { get; init; }
}
