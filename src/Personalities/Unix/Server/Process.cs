using MachActors.Kernel.Ipc;

namespace MachActors.Personalities.Unix.Server;

/// <summary>Where a process is in its life.</summary>
public enum ProcessState
{
    /// <summary>Running (its task exists).</summary>
    Running,

    /// <summary>Ended, not yet waited for: only its status remains.</summary>
    Zombie,
}

/// <summary>
/// One UNIX process as the server keeps it: pid, parent, the Mach task that runs it (a send right in
/// the server's space), the process port its emulation library calls the server on (a receive right
/// in the server's port set), its descriptors and signals, its current directory, and the one system call it may be blocked in.
/// </summary>
public sealed class Process
{
    /// <summary>A process record.</summary>
    public Process(int pid, int parent, string name)
    {
        Pid = pid;
        Parent = parent;
        Name = name;
    }

    /// <summary>The process id.</summary>
    public int Pid { get; }

    /// <summary>The parent's pid (1 once reparented to init; 0 for init).</summary>
    public int Parent { get; set; }

    /// <summary>The program it runs (for reports).</summary>
    public string Name { get; set; }

    /// <summary>Running or zombie.</summary>
    public ProcessState State { get; set; }

    /// <summary>The wait status once a zombie (<see cref="WaitStatus"/>).</summary>
    public int Status { get; set; }

    /// <summary>A send right to the process's task port (NULL once it ended).</summary>
    public PortName Task { get; set; }

    /// <summary>The receive right its system calls arrive on (NULL once it ended).</summary>
    public PortName Port { get; set; }

    /// <summary>Its descriptors.</summary>
    public FdTable Fds { get; set; } = new();

    /// <summary>Its signal dispositions and pending set.</summary>
    public SignalState Signals { get; set; } = new();

    /// <summary>Its current directory: absolute and canonical (<see cref="PathResolver"/>); copied by fork, kept by exec.</summary>
    public string Cwd { get; set; } = PathResolver.Root;

    /// <summary>Its file mappings (mmap, munmap; what msync looks up): copied by fork, cleared by exec.</summary>
    public MappingTable Mappings { get; set; } = new();

    /// <summary>The token of the system call it is blocked in (a pipe read or write, a console read, a wait), or null.</summary>
    public long? Blocked { get; set; }
}
