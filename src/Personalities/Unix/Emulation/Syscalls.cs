using System.Collections.Immutable;

namespace MachActors.Personalities.Unix.Emulation;

/// <summary>
/// The system call numbers (4.3BSD's) and the emulation vector the UNIX server installs in every
/// process's task: number n goes to the emulation library's handler <see cref="EntryFor"/>(n).
/// A number not in the vector traps to the kernel, which raises EXC_SOFTWARE / EXC_UNIX_BAD_SYSCALL:
/// the server turns it into SIGSYS.
/// </summary>
public static class Syscalls
{
    /// <summary>exit.</summary>
    public const int Exit = 1;

    /// <summary>fork.</summary>
    public const int Fork = 2;

    /// <summary>read.</summary>
    public const int Read = 3;

    /// <summary>write.</summary>
    public const int Write = 4;

    /// <summary>open.</summary>
    public const int Open = 5;

    /// <summary>close.</summary>
    public const int Close = 6;

    /// <summary>wait4.</summary>
    public const int Wait4 = 7;

    /// <summary>unlink.</summary>
    public const int Unlink = 10;

    /// <summary>chdir.</summary>
    public const int Chdir = 12;

    /// <summary>getpid.</summary>
    public const int Getpid = 20;

    /// <summary>kill.</summary>
    public const int Kill = 37;

    /// <summary>dup.</summary>
    public const int Dup = 41;

    /// <summary>pipe.</summary>
    public const int Pipe = 42;

    /// <summary>sigaction.</summary>
    public const int Sigaction = 46;

    /// <summary>sigprocmask (4.3BSD-Reno's and FreeBSD's number).</summary>
    public const int Sigprocmask = 48;

    /// <summary>execve.</summary>
    public const int Execve = 59;

    /// <summary>msync (4.4BSD's number).</summary>
    public const int Msync = 65;

    /// <summary>mmap.</summary>
    public const int Mmap = 71;

    /// <summary>munmap.</summary>
    public const int Munmap = 73;

    /// <summary>dup2.</summary>
    public const int Dup2 = 90;

    /// <summary>mkdir.</summary>
    public const int Mkdir = 136;

    /// <summary>stat.</summary>
    public const int Stat = 188;

    /// <summary>fstat.</summary>
    public const int Fstat = 189;

    /// <summary>getdirentries (readdir).</summary>
    public const int ReadDir = 196;

    /// <summary>lseek.</summary>
    public const int Lseek = 199;

    /// <summary>nanosleep (4.3BSD has none: FreeBSD's number, past 4.3BSD's; a private number here).</summary>
    public const int Nanosleep = 240;

    /// <summary>getprocs: the server's process table (no 4.3BSD number: ps read kernel memory there; a private number past 4.3BSD's).</summary>
    public const int Procs = 300;

    /// <summary>getcwd (4.3BSD's libc found the path by reading directories; FreeBSD's __getcwd number, past 4.3BSD's).</summary>
    public const int Getcwd = 326;

    /// <summary>Every number the library emulates.</summary>
    public static readonly ImmutableArray<int> All =
        [Exit, Fork, Read, Write, Open, Close, Wait4, Unlink, Chdir, Getpid, Kill, Dup, Pipe, Sigaction, Sigprocmask, Execve, Msync, Mmap, Munmap, Dup2, Mkdir, Stat, Fstat, ReadDir, Lseek, Nanosleep, Procs, Getcwd];

    /// <summary>The handler id (the "address" in the library) of number <paramref name="number"/>.</summary>
    public static int EntryFor(int number) => 0x1000 + number;

    /// <summary>The vector from number 1 to the highest, with 0 for the numbers not emulated.</summary>
    public static (int Start, ImmutableArray<int> Handlers) Vector()
    {
        var last = All.Max();
        return (1, [.. Enumerable.Range(1, last).Select(n => All.Contains(n) ? EntryFor(n) : 0)]);
    }
}
