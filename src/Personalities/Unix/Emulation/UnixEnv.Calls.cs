using System.Collections.Immutable;
using System.Text;
using MachActors.Personalities.Unix.Fs;

namespace MachActors.Personalities.Unix.Emulation;

/// <summary>The system calls that are one RPC each: enter (trap, redirect), call the server, leave (signals, errno).</summary>
public sealed partial class UnixEnv
{
    /// <summary>getpid(2) (and the parent's pid).</summary>
    public async Task<(Errno Error, int Pid, int Parent)> Getpid()
    {
        var (e, s) = await Enter(Syscalls.Getpid);
        if (e != Errno.None) return (e, -1, -1);
        var r = await Stub.GetpidAsync(s);
        return (await Leave(r.RetCode, r.Signals), r.Pid, r.Parent);
    }

    /// <summary>waitpid(2): <paramref name="pid"/> -1 for any child; with WNOHANG (<see cref="WaitStatus.NoHang"/>) pid 0 when none ended. ECHILD when no child matches.</summary>
    public async Task<(Errno Error, int Pid, int Status)> Waitpid(int pid, int options = 0)
    {
        var (e, s) = await Enter(Syscalls.Wait4);
        if (e != Errno.None) return (e, -1, 0);
        var r = await Stub.WaitAsync(s, pid, options);
        return (await Leave(r.RetCode, r.Signals), r.Child, r.Status);
    }

    /// <summary>wait(2): any child.</summary>
    public Task<(Errno Error, int Pid, int Status)> Wait() => Waitpid(-1);

    /// <summary>pipe(2): the read and the write descriptor.</summary>
    public async Task<(Errno Error, int Read, int Write)> Pipe()
    {
        var (e, s) = await Enter(Syscalls.Pipe);
        if (e != Errno.None) return (e, -1, -1);
        var r = await Stub.PipeAsync(s);
        return (await Leave(r.RetCode, r.Signals), r.ReadFd, r.WriteFd);
    }

    /// <summary>dup(2).</summary>
    public async Task<(Errno Error, int Fd)> Dup(int fd)
    {
        var (e, s) = await Enter(Syscalls.Dup);
        if (e != Errno.None) return (e, -1);
        var r = await Stub.DupAsync(s, fd);
        return (await Leave(r.RetCode, r.Signals), r.NewFd);
    }

    /// <summary>dup2(2).</summary>
    public async Task<(Errno Error, int Fd)> Dup2(int fd, int newFd)
    {
        var (e, s) = await Enter(Syscalls.Dup2);
        if (e != Errno.None) return (e, -1);
        var r = await Stub.Dup2Async(s, fd, newFd);
        return (await Leave(r.RetCode, r.Signals), r.Result);
    }

    /// <summary>open(2) with O_* flags (<see cref="Server.OpenFile"/>); "/dev/console" is the console.</summary>
    public async Task<(Errno Error, int Fd)> Open(string path, int flags)
    {
        var (e, s) = await Enter(Syscalls.Open);
        if (e != Errno.None) return (e, -1);
        var r = await Stub.OpenAsync(s, path, flags);
        return (await Leave(r.RetCode, r.Signals), r.Fd);
    }

    /// <summary>read(2): at most <paramref name="count"/> bytes (at most <see cref="UnixServer.MaxIo"/>); empty at end of file. A pipe read blocks while the pipe is empty and has a writer.</summary>
    public async Task<(Errno Error, byte[] Data)> Read(int fd, int count)
    {
        var (e, s) = await Enter(Syscalls.Read);
        if (e != Errno.None) return (e, []);
        var r = await Stub.ReadAsync(s, fd, count);
        return (await Leave(r.RetCode, r.Signals), [.. r.Data]);
    }

    /// <summary>write(2) of all of <paramref name="data"/> (in pieces of at most <see cref="UnixServer.MaxIo"/>): the bytes written, and the first error (EPIPE on a pipe with no reader, after SIGPIPE if it is caught or ignored). A caught signal interrupting a blocked pipe write gives EINTR when nothing was written, else the count written so far (POSIX).</summary>
    public async Task<(Errno Error, int Written)> Write(int fd, ReadOnlyMemory<byte> data)
    {
        var total = 0;
        do
        {
            var (e, s) = await Enter(Syscalls.Write);
            if (e != Errno.None) return (e, total);
            var piece = data.Slice(total, Math.Min(UnixServer.MaxIo, data.Length - total));
            var r = await Stub.WriteAsync(s, fd, ImmutableArray.Create(piece.Span));
            var error = await Leave(r.RetCode, r.Signals);
            if (error != Errno.None) return (error == Errno.EINTR && total > 0 ? Errno.None : error, total); // interrupted after some bytes: their count
            total += r.Written;
            if (r.Written < piece.Length) break; // a short write (a pipe write a signal interrupted): its count, not a retry
        }
        while (total < data.Length);
        return (Errno.None, total);
    }

    /// <summary>write(2) of all of <paramref name="data"/>.</summary>
    public Task<(Errno Error, int Written)> Write(int fd, byte[] data) => Write(fd, data.AsMemory());

    /// <summary>write(2) of a string's UTF-8 bytes.</summary>
    public Task<(Errno Error, int Written)> Write(int fd, string text) => Write(fd, Encoding.UTF8.GetBytes(text));

    /// <summary>close(2).</summary>
    public async Task<Errno> Close(int fd)
    {
        var (e, s) = await Enter(Syscalls.Close);
        if (e != Errno.None) return e;
        var r = await Stub.CloseAsync(s, fd);
        return await Leave(r.RetCode, r.Signals);
    }

    /// <summary>lseek(2): whence 0 SEEK_SET, 1 SEEK_CUR, 2 SEEK_END; ESPIPE on a pipe or the console.</summary>
    public async Task<(Errno Error, long Offset)> Lseek(int fd, long offset, int whence)
    {
        var (e, s) = await Enter(Syscalls.Lseek);
        if (e != Errno.None) return (e, -1);
        var r = await Stub.LseekAsync(s, fd, offset, whence);
        return (await Leave(r.RetCode, r.Signals), r.Result);
    }

    /// <summary>unlink(2).</summary>
    public async Task<Errno> Unlink(string path)
    {
        var (e, s) = await Enter(Syscalls.Unlink);
        if (e != Errno.None) return e;
        var r = await Stub.UnlinkAsync(s, path);
        return await Leave(r.RetCode, r.Signals);
    }

    /// <summary>mkdir(2).</summary>
    public async Task<Errno> Mkdir(string path)
    {
        var (e, s) = await Enter(Syscalls.Mkdir);
        if (e != Errno.None) return e;
        var r = await Stub.MkdirAsync(s, path);
        return await Leave(r.RetCode, r.Signals);
    }

    /// <summary>chdir(2): relative paths (every path call's) are then taken from <paramref name="path"/>; ENOENT, ENOTDIR.</summary>
    public async Task<Errno> Chdir(string path)
    {
        var (e, s) = await Enter(Syscalls.Chdir);
        if (e != Errno.None) return e;
        var r = await Stub.ChdirAsync(s, path);
        return await Leave(r.RetCode, r.Signals);
    }

    /// <summary>getcwd(3): the current directory, absolute.</summary>
    public async Task<(Errno Error, string Path)> Getcwd()
    {
        var (e, s) = await Enter(Syscalls.Getcwd);
        if (e != Errno.None) return (e, "");
        var r = await Stub.GetcwdAsync(s);
        var error = await Leave(r.RetCode, r.Signals);
        return (error, error == Errno.None ? r.Path : "");
    }

    /// <summary>readdir(3) of a whole directory, sorted by name.</summary>
    public async Task<(Errno Error, IReadOnlyList<DirEntry> Entries)> ReadDir(string path)
    {
        var (e, s) = await Enter(Syscalls.ReadDir);
        if (e != Errno.None) return (e, []);
        var r = await Stub.ReadDirAsync(s, path);
        var error = await Leave(r.RetCode, r.Signals);
        IReadOnlyList<DirEntry> entries = [.. r.Entries.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseEntry)];
        return (error, error == Errno.None ? entries : []);
    }

    private static DirEntry ParseEntry(string line)
    {
        var parts = line.Split(' ', 3);
        var kind = parts[0] switch { "d" => FileKind.Directory, "c" => FileKind.CharDevice, _ => FileKind.Regular };
        return new DirEntry(parts[2], long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), kind);
    }

    /// <summary>stat(2).</summary>
    public async Task<(Errno Error, FileStat? Stat)> Stat(string path)
    {
        var (e, s) = await Enter(Syscalls.Stat);
        if (e != Errno.None) return (e, null);
        var r = await Stub.StatAsync(s, path);
        var error = await Leave(r.RetCode, r.Signals);
        return (error, error == Errno.None ? new FileStat(r.Inode, (FileKind)r.Kind, r.Size, r.Links) : null);
    }

    /// <summary>fstat(2).</summary>
    public async Task<(Errno Error, FileStat? Stat)> Fstat(int fd)
    {
        var (e, s) = await Enter(Syscalls.Fstat);
        if (e != Errno.None) return (e, null);
        var r = await Stub.FstatAsync(s, fd);
        var error = await Leave(r.RetCode, r.Signals);
        return (error, error == Errno.None ? new FileStat(r.Inode, (FileKind)r.Kind, r.Size, r.Links) : null);
    }

    /// <summary>
    /// mmap(2) of <paramref name="length"/> bytes of a regular file from <paramref name="offset"/> (page
    /// aligned): the address in this task (use it with <c>Mach.Mem</c>). The pages are the file's memory
    /// object, paged by the server (docs/UNIX.md, "Files as memory objects"): <see cref="MmapFlags.Shared"/>
    /// writes reach the file, <see cref="MmapFlags.Private"/> ones stay here. Errors: EBADF, EACCES (fd not
    /// readable; shared and writable on an fd not open for writing), EINVAL (not a regular file, a bad
    /// offset, length or flags), ENOMEM.
    /// </summary>
    public async Task<(Errno Error, ulong Address)> Mmap(int fd, long offset, int length, MmapProt prot = MmapProt.Read | MmapProt.Write, MmapFlags flags = MmapFlags.Private)
    {
        var (e, s) = await Enter(Syscalls.Mmap);
        if (e != Errno.None) return (e, 0);
        var r = await Stub.MmapAsync(s, fd, offset, length, (int)prot, (int)flags);
        return (await Leave(r.RetCode, r.Signals), (ulong)r.Address);
    }

    /// <summary>munmap(2): the pages of [<paramref name="address"/>, +<paramref name="length"/>) leave this task (the server deallocates them and forgets its mapping record; a shared mapping's dirty pages stay with the file's memory object). EINVAL for an unaligned address or a length of 0 or less.</summary>
    public async Task<Errno> Munmap(ulong address, int length)
    {
        var (e, s) = await Enter(Syscalls.Munmap);
        if (e != Errno.None) return e;
        var r = await Stub.MunmapAsync(s, (long)address, length);
        return await Leave(r.RetCode, r.Signals);
    }

    /// <summary>msync(2): the shared file mappings in [<paramref name="address"/>, +<paramref name="length"/>) write their dirty pages to the file (<see cref="MsyncFlags.Invalidate"/>: and drop them; <see cref="MsyncFlags.Sync"/>: and the file system syncs to its disk). ENOMEM when no file mapping is in the range, EINVAL for bad flags or an unaligned address.</summary>
    public async Task<Errno> Msync(ulong address, int length, MsyncFlags flags)
    {
        var (e, s) = await Enter(Syscalls.Msync);
        if (e != Errno.None) return e;
        var r = await Stub.MsyncAsync(s, (long)address, length, (int)flags);
        return await Leave(r.RetCode, r.Signals);
    }

    /// <summary>kill(2): signal 0 only checks that the process exists (ESRCH).</summary>
    public async Task<Errno> Kill(int pid, int signal)
    {
        var (e, s) = await Enter(Syscalls.Kill);
        if (e != Errno.None) return e;
        var r = await Stub.KillAsync(s, pid, signal);
        return await Leave(r.RetCode, r.Signals);
    }

    /// <summary>
    /// sigprocmask(2): <paramref name="how"/> <see cref="Server.SigprocmaskHow"/> Block, Unblock or SetMask
    /// with <paramref name="set"/> (bit n = signal n; SIGKILL is left out). A blocked signal stays pending in
    /// the server; unblocked, its handler runs before this call returns (or its default ends the process).
    /// Returns the previous mask; EINVAL for a bad <paramref name="how"/>.
    /// </summary>
    public async Task<(Errno Error, int Previous)> Sigprocmask(int how, int set)
    {
        var (e, s) = await Enter(Syscalls.Sigprocmask);
        if (e != Errno.None) return (e, 0);
        var r = await Stub.SigprocmaskAsync(s, how, set);
        return (await Leave(r.RetCode, r.Signals), r.Previous);
    }

    /// <summary>sigaction(2), minimal: Default, Ignore, or Catch (use <see cref="Signal(int, Func{UnixEnv, int, Task})"/> to give the handler).</summary>
    public async Task<Errno> Sigaction(int signal, SignalDisposition disposition)
    {
        var (e, s) = await Enter(Syscalls.Sigaction);
        if (e != Errno.None) return e;
        var r = await Stub.SigactionAsync(s, signal, (int)disposition);
        return await Leave(r.RetCode, r.Signals);
    }
}
