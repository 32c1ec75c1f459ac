using System.Collections.Immutable;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Personalities.Unix;

/// <summary>
/// Subsystem <c>unix</c> (base 101000, as Lites' bsd_1): the UNIX server's system calls, which the
/// emulation library sends to the process's own port in the server (docs/UNIX.md). Every routine has a
/// reply handle (the server answers blocking calls later) and answers RetCode 0 with the signals
/// pending for the caller (bit n = signal n) and its results, or the short error reply whose RetCode is
/// the <see cref="Errno"/>. Generated: <c>UnixCallsClient</c>, <c>UnixCallsServer</c>.
/// </summary>
[MigSubsystem("unix", 101000)]
public interface IUnixCalls
{
    /// <summary>getpid / getppid.</summary>
    [MigRoutine]
    int Getpid(PortName process, MigReplyHandle reply, out int signals, out int pid, out int parent);

    /// <summary>fork: the server makes the child task (copy-on-write); the caller gets its pid and a send right to its task port, to start the child's thread on.</summary>
    [MigRoutine]
    int Fork(PortName process, MigReplyHandle reply, out int signals, out int pid, [MigPort(MsgType.CopySend)] out PortName childTask);

    /// <summary>execv: a new task runs the named program with the arguments (separated by U+001F); no reply on success (the caller's task is gone).</summary>
    [MigRoutine]
    int Exec(PortName process, MigReplyHandle reply, [MigMaxCount(255)] string name, [MigMaxCount(4000)] string args, out int signals);

    /// <summary>_exit: never answered (the task is terminated).</summary>
    [MigRoutine]
    int Exit(PortName process, MigReplyHandle reply, int status, out int signals);

    /// <summary>wait4 (pid -1: any child; options WNOHANG).</summary>
    [MigRoutine]
    int Wait(PortName process, MigReplyHandle reply, int pid, int options, out int signals, out int child, out int status);

    /// <summary>pipe: the read and write descriptors.</summary>
    [MigRoutine]
    int Pipe(PortName process, MigReplyHandle reply, out int signals, out int readFd, out int writeFd);

    /// <summary>dup.</summary>
    [MigRoutine]
    int Dup(PortName process, MigReplyHandle reply, int fd, out int signals, out int newFd);

    /// <summary>dup2.</summary>
    [MigRoutine]
    int Dup2(PortName process, MigReplyHandle reply, int fd, int newFd, out int signals, out int result);

    /// <summary>open (flags as <see cref="Server.OpenFile"/>'s O_* constants).</summary>
    [MigRoutine]
    int Open(PortName process, MigReplyHandle reply, [MigMaxCount(1023)] string path, int flags, out int signals, out int fd);

    /// <summary>read: at most <paramref name="count"/> bytes (at most 8192 per call); empty at end of file.</summary>
    [MigRoutine]
    int Read(PortName process, MigReplyHandle reply, int fd, int count, out int signals, [MigMaxCount(8192)] out ImmutableArray<byte> data);

    /// <summary>write: the bytes written (at most 8192 per call).</summary>
    [MigRoutine]
    int Write(PortName process, MigReplyHandle reply, int fd, [MigMaxCount(8192)] ImmutableArray<byte> data, out int signals, out int written);

    /// <summary>close.</summary>
    [MigRoutine]
    int Close(PortName process, MigReplyHandle reply, int fd, out int signals);

    /// <summary>lseek (whence 0 SET, 1 CUR, 2 END): the new offset.</summary>
    [MigRoutine]
    int Lseek(PortName process, MigReplyHandle reply, int fd, long offset, int whence, out int signals, out long result);

    /// <summary>unlink.</summary>
    [MigRoutine]
    int Unlink(PortName process, MigReplyHandle reply, [MigMaxCount(1023)] string path, out int signals);

    /// <summary>mkdir.</summary>
    [MigRoutine]
    int Mkdir(PortName process, MigReplyHandle reply, [MigMaxCount(1023)] string path, out int signals);

    /// <summary>readdir of a whole directory: entries as "kind inode name" lines (kind d, f or c).</summary>
    [MigRoutine]
    int ReadDir(PortName process, MigReplyHandle reply, [MigMaxCount(1023)] string path, out int signals, [MigMaxCount(8192)] out string entries);

    /// <summary>stat of a path.</summary>
    [MigRoutine]
    int Stat(PortName process, MigReplyHandle reply, [MigMaxCount(1023)] string path, out int signals, out long inode, out int kind, out long size, out int links);

    /// <summary>fstat of a descriptor.</summary>
    [MigRoutine]
    int Fstat(PortName process, MigReplyHandle reply, int fd, out int signals, out long inode, out int kind, out long size, out int links);

    /// <summary>mmap of <paramref name="length"/> bytes of a file from <paramref name="offset"/> with protection <paramref name="prot"/> (<see cref="MmapProt"/>) and sharing <paramref name="flags"/> (<see cref="MmapFlags"/>): the address in the caller's task.</summary>
    [MigRoutine]
    int Mmap(PortName process, MigReplyHandle reply, int fd, long offset, int length, int prot, int flags, out int signals, out long address);

    /// <summary>kill.</summary>
    [MigRoutine]
    int Kill(PortName process, MigReplyHandle reply, int pid, int signal, out int signals);

    /// <summary>sigaction, minimal: the new disposition (<see cref="SignalDisposition"/>); the previous one.</summary>
    [MigRoutine]
    int Sigaction(PortName process, MigReplyHandle reply, int signal, int disposition, out int signals, out int previous);

    /// <summary>The process table (what ps reads): one "pid parent state name" line per process (state R running, Z zombie), by pid.</summary>
    [MigRoutine]
    int Procs(PortName process, MigReplyHandle reply, out int signals, [MigMaxCount(8192)] out string table);

    /// <summary>chdir: the caller's current directory becomes <paramref name="path"/> (relative to the current one); ENOENT, ENOTDIR.</summary>
    [MigRoutine]
    int Chdir(PortName process, MigReplyHandle reply, [MigMaxCount(1023)] string path, out int signals);

    /// <summary>getcwd: the caller's current directory (absolute).</summary>
    [MigRoutine]
    int Getcwd(PortName process, MigReplyHandle reply, out int signals, [MigMaxCount(1023)] out string path);

    /// <summary>sigprocmask(how, set) (how: <see cref="Server.SigprocmaskHow"/>; SIGKILL in the set is left out): the previous mask. The reply reports the caught signals it unblocked that were pending; SIG_BLOCK of 0 only reports what is pending (the library's way to fetch the signals after EINTR).</summary>
    [MigRoutine]
    int Sigprocmask(PortName process, MigReplyHandle reply, int how, int set, out int signals, out int previous);

    /// <summary>nanosleep: answered after <paramref name="nanoseconds"/> of virtual time with 0 remaining, or earlier, when a caught signal interrupts it, with the time left (the library's EINTR).</summary>
    [MigRoutine]
    int Nanosleep(PortName process, MigReplyHandle reply, long nanoseconds, out int signals, out long remaining);

    /// <summary>munmap: [<paramref name="address"/>, +<paramref name="length"/>) leaves the caller's task (vm_deallocate) and its file mappings; EINVAL for an unaligned address or a length of 0 or less.</summary>
    [MigRoutine]
    int Munmap(PortName process, MigReplyHandle reply, long address, long length, out int signals);

    /// <summary>msync: the shared file mappings in the range are settled with their files (<see cref="MsyncFlags"/>: ASYNC or SYNC, and INVALIDATE); ENOMEM when nothing in the range is a file mapping, EINVAL for bad flags or an unaligned address.</summary>
    [MigRoutine]
    int Msync(PortName process, MigReplyHandle reply, long address, long length, int flags, out int signals);

    /// <summary>execve: a new task runs the program whose text is <paramref name="path"/> (relative to the caller's directory without a leading '/') with the arguments and the environment (each separated by U+001F; environment entries without '=' are dropped); no reply on success.</summary>
    [MigRoutine]
    int Execve(PortName process, MigReplyHandle reply, [MigMaxCount(1023)] string path, [MigMaxCount(4000)] string args, [MigMaxCount(4000)] string env, out int signals);
}
