using System.Collections.Immutable;
using System.Text;
using MachActors.Kernel.Device;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Vm;
using MachActors.Personalities.Unix.Fs;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix;

/// <summary>Descriptors: pipes, dup, the file system's calls, the console (mmap, munmap, msync: .Mappings).</summary>
public sealed partial class UnixServer
{
    /// <summary>The console's path.</summary>
    public const string ConsolePath = "/dev/console";

    /// <summary>The most bytes one read or write moves.</summary>
    public const int MaxIo = 8192;

    /// <summary>The caller and its open file <paramref name="fd"/>; answers ESRCH or EBADF itself and returns null.</summary>
    private async Task<(Process P, OpenFile F)?> Descriptor(PortName port, MigReplyHandle reply, int fd)
    {
        if (Caller(port) is not { } p) await Fail(reply, Errno.ESRCH);
        else if (p.Fds.Get(fd) is not { } f) await Fail(reply, Errno.EBADF);
        else return (p, f);
        return null;
    }

    private async Task DoPipe(PortName port, MigReplyHandle reply)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        var pipe = new Pipe(_config.PipeCapacity);
        var (e1, r) = p.Fds.Add(new OpenFile(OpenFileKind.PipeRead, true, false) { Pipe = pipe });
        var (e2, w) = e1 == Errno.None ? p.Fds.Add(new OpenFile(OpenFileKind.PipeWrite, false, true) { Pipe = pipe }) : (e1, -1);
        if (e2 != Errno.None)
        {
            if (e1 == Errno.None) p.Fds.Close(r, out _);
            await Fail(reply, Errno.EMFILE);
            return;
        }
        await Answer(UnixCallsServer.PipeReply(reply, 0, p.Signals.TakePending(), r, w));
    }

    /// <summary>dup (<paramref name="newFd"/> null) or dup2.</summary>
    private async Task DoDup(PortName port, MigReplyHandle reply, int fd, int? newFd)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        OpenFile? released = null;
        var (error, result) = newFd is { } n ? p.Fds.Dup2(fd, n, out released) : p.Fds.Dup(fd);
        if (released is not null) await Complete(Released(released));
        if (error != Errno.None) await Fail(reply, error);
        else if (newFd is null) await Answer(UnixCallsServer.DupReply(reply, 0, p.Signals.TakePending(), result));
        else await Answer(UnixCallsServer.Dup2Reply(reply, 0, p.Signals.TakePending(), result));
    }

    private async Task DoOpen(PortName port, MigReplyHandle reply, string path, int flags)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        var (error, file) = await OpenPath(Resolve(p, path), flags);
        var (added, fd) = error == Errno.None ? p.Fds.Add(file!) : (error, -1);
        if (added != Errno.None) await Fail(reply, added);
        else await Answer(UnixCallsServer.OpenReply(reply, 0, p.Signals.TakePending(), fd));
    }

    private async Task<(Errno Error, OpenFile? File)> OpenPath(string path, int flags)
    {
        var mode = flags & OpenFile.AccessMode;
        if (mode == 3) return (Errno.EINVAL, null);
        bool readable = mode != OpenFile.WriteOnly, writable = mode != OpenFile.ReadOnly;
        if (path == ConsolePath) return _console == PortName.Null ? (Errno.ENOENT, null) : (Errno.None, new OpenFile(OpenFileKind.Console, readable, writable));
        var (error, inode) = (flags & OpenFile.Create) != 0 ? await _fs.Create(path, (flags & OpenFile.Exclusive) != 0) : await _fs.Lookup(path);
        if (error != Errno.None) return (error, null);
        var (statError, stat) = await _fs.StatInode(inode);
        if (statError != Errno.None) return (statError, null);
        if (stat!.Kind == FileKind.Directory)
        {
            return writable ? (Errno.EISDIR, null) : (Errno.None, new OpenFile(OpenFileKind.Directory, true, false) { Inode = inode, Path = path });
        }
        if ((flags & OpenFile.Truncate) != 0 && writable) await Settle(inode, flush: true);
        if ((flags & OpenFile.Truncate) != 0 && writable && await _fs.Truncate(inode, 0) is var t and not Errno.None) return (t, null);
        return (Errno.None, new OpenFile(OpenFileKind.File, readable, writable) { Inode = inode, AppendMode = (flags & OpenFile.Append) != 0 });
    }

    private async Task DoRead(PortName port, MigReplyHandle reply, int fd, int count)
    {
        if (await Descriptor(port, reply, fd) is not var (p, f)) return;
        if (!f.Readable)
        {
            await Fail(reply, Errno.EBADF);
            return;
        }
        if (count < 0)
        {
            await Fail(reply, Errno.EINVAL);
            return;
        }
        count = Math.Min(count, MaxIo);
        switch (f.Kind)
        {
            case OpenFileKind.PipeRead:
                var token = NewToken();
                _pending[token] = new PendingCall(p.Pid, reply, BlockedIn.Pipe, f.Pipe);
                var done = new List<PipeCompletion>();
                if (f.Pipe!.Read(token, count, done) is { } now) done.Insert(0, now);
                else p.Blocked = token;
                await Complete(done);
                await InterruptIfSignaled(p); // a caught signal already pending: no sleep (EINTR at once)
                break;
            case OpenFileKind.File:
                await Settle(f.Inode, flush: false); // a mapper's writes first
                var (error, data) = await _fs.Read(f.Inode, f.Offset, count);
                if (error != Errno.None) await Fail(reply, error);
                else
                {
                    f.Offset += data.Length;
                    await Answer(UnixCallsServer.ReadReply(reply, 0, p.Signals.TakePending(), Bytes(data)));
                }
                break;
            case OpenFileKind.Console:
                await ReadConsole(p, reply, count);
                break;
            default:
                await Fail(reply, Errno.EISDIR);
                break;
        }
    }

    private async Task DoWrite(PortName port, MigReplyHandle reply, int fd, ImmutableArray<byte> data)
    {
        if (await Descriptor(port, reply, fd) is not var (p, f)) return;
        if (!f.Writable)
        {
            await Fail(reply, Errno.EBADF);
            return;
        }
        switch (f.Kind)
        {
            case OpenFileKind.PipeWrite:
                var token = NewToken();
                _pending[token] = new PendingCall(p.Pid, reply, BlockedIn.Pipe, f.Pipe);
                var done = new List<PipeCompletion>();
                if (f.Pipe!.Write(token, [.. data], done) is { } now) done.Insert(0, now);
                else p.Blocked = token;
                await Complete(done);
                await InterruptIfSignaled(p); // a caught signal already pending: no sleep (EINTR at once)
                break;
            case OpenFileKind.File:
                await Settle(f.Inode, flush: true); // mappers refault and see the new bytes
                var offset = f.AppendMode && await _fs.StatInode(f.Inode) is (Errno.None, { } st) ? st.Size : f.Offset;
                var (error, written) = await _fs.Write(f.Inode, offset, data.AsMemory());
                if (error != Errno.None) await Fail(reply, error);
                else
                {
                    f.Offset = offset + written;
                    await Answer(UnixCallsServer.WriteReply(reply, 0, p.Signals.TakePending(), written));
                }
                break;
            case OpenFileKind.Console:
                var (code, bytes) = data.Length == 0 ? (DeviceReturn.Success, 0) : await _env.DeviceWrite(_console, DeviceMode.None, 0, data);
                if (code == DeviceReturn.Success) await Answer(UnixCallsServer.WriteReply(reply, 0, p.Signals.TakePending(), bytes));
                else await Fail(reply, Errno.EIO);
                break;
            default:
                await Fail(reply, Errno.EBADF);
                break;
        }
    }

    /// <summary>
    /// Answers the pipe calls that completed. EINTR (a caught signal interrupted the call) is the short error reply; a read's bytes go back (the seeded PipeDropsBytes bug loses
    /// the first of two or more); a write's count, or EPIPE with SIGPIPE posted to the writer (whose
    /// default action ends it without an answer).
    /// </summary>
    private async Task Complete(List<PipeCompletion> done)
    {
        foreach (var c in done)
        {
            if (!_pending.Remove(c.Token, out var call)) continue;
            var p = _table.Find(call.Pid);
            if (p is { Blocked: { } b } && b == c.Token) p.Blocked = null;
            if (p is not { State: ProcessState.Running }) continue;
            if (c.Error == Errno.EINTR) await Fail(call.Reply, Errno.EINTR); // the signals stay pending: the library fetches them
            else if (c.Data is { } data)
            {
                if ((_config.SeededBugs & UnixSeededBugs.PipeDropsBytes) != 0 && data.Length > 1) data = data[1..];
                await Answer(UnixCallsServer.ReadReply(call.Reply, 0, p.Signals.TakePending(), Bytes(data)));
            }
            else if (c.Error == Errno.EPIPE)
            {
                await Post(p, Signal.SIGPIPE);
                if (p.State == ProcessState.Running) await Fail(call.Reply, Errno.EPIPE);
                else await Drop(call.Reply);
            }
            else
            {
                await Answer(UnixCallsServer.WriteReply(call.Reply, 0, p.Signals.TakePending(), c.Written));
            }
        }
    }

    private async Task DoClose(PortName port, MigReplyHandle reply, int fd)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        var error = p.Fds.Close(fd, out var released);
        if (released is not null) await Complete(Released(released));
        if (error != Errno.None) await Fail(reply, error);
        else await Answer(UnixCallsServer.CloseReply(reply, 0, p.Signals.TakePending()));
    }

    /// <summary>The last descriptor of <paramref name="file"/> went: a pipe end closes.</summary>
    private static void Release(OpenFile file, List<PipeCompletion> done)
    {
        if (file.Kind == OpenFileKind.PipeRead) file.Pipe!.CloseReader(done);
        else if (file.Kind == OpenFileKind.PipeWrite) file.Pipe!.CloseWriter(done);
    }

    private static List<PipeCompletion> Released(OpenFile file)
    {
        var done = new List<PipeCompletion>();
        Release(file, done);
        return done;
    }

    private async Task DoLseek(PortName port, MigReplyHandle reply, int fd, long offset, int whence)
    {
        if (await Descriptor(port, reply, fd) is not var (p, f)) return;
        if (f.Kind is not (OpenFileKind.File or OpenFileKind.Directory))
        {
            await Fail(reply, Errno.ESPIPE);
            return;
        }
        var size = await _fs.StatInode(f.Inode) is (Errno.None, { } st) ? st.Size : 0;
        long? at = whence switch { 0 => offset, 1 => f.Offset + offset, 2 => size + offset, _ => null };
        if (at is not { } target || target < 0)
        {
            await Fail(reply, Errno.EINVAL);
            return;
        }
        f.Offset = target;
        await Answer(UnixCallsServer.LseekReply(reply, 0, p.Signals.TakePending(), target));
    }

    /// <summary>unlink, mkdir of <paramref name="path"/> (relative to the caller's directory): the file system's errno, or success.</summary>
    private async Task DoPathCall(PortName port, MigReplyHandle reply, string path, Func<string, Task<Errno>> call, Func<MigReplyHandle, int, int, MachMessage?> ok)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        var error = await call(Resolve(p, path));
        if (error != Errno.None) await Fail(reply, error);
        else await Answer(ok(reply, 0, p.Signals.TakePending()));
    }

    private async Task DoReadDir(PortName port, MigReplyHandle reply, string path)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        var (error, entries) = await _fs.ReadDir(Resolve(p, path));
        var text = string.Concat(entries.Select(e => $"{KindLetter(e.Kind)} {e.Inode} {e.Name}\n"));
        if (error == Errno.None && Encoding.UTF8.GetByteCount(text) > MaxIo) error = Errno.ENOMEM;
        if (error != Errno.None) await Fail(reply, error);
        else await Answer(UnixCallsServer.ReadDirReply(reply, 0, p.Signals.TakePending(), text));
    }

    private static char KindLetter(FileKind kind) => kind switch { FileKind.Directory => 'd', FileKind.CharDevice => 'c', _ => 'f' };

    /// <summary>stat of <paramref name="path"/> or fstat of <paramref name="fd"/> (a pipe: a regular node 0 whose size is what it holds; the console: a character device).</summary>
    private async Task DoStat(PortName port, MigReplyHandle reply, string? path, int? fd)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        if (path is not null) path = Resolve(p, path);
        var file = fd is { } d ? p.Fds.Get(d) : null;
        var (error, stat) = fd is not null && file is null ? (Errno.EBADF, null)
            : file is { Kind: OpenFileKind.PipeRead or OpenFileKind.PipeWrite } ? (Errno.None, new FileStat(0, FileKind.Regular, file.Pipe!.Buffered, 1))
            : file?.Kind == OpenFileKind.Console || path == ConsolePath ? (Errno.None, new FileStat(0, FileKind.CharDevice, 0, 1))
            : file is not null ? await _fs.StatInode(file.Inode)
            : await _fs.Stat(path!);
        if (error != Errno.None) await Fail(reply, error);
        else if (fd is null) await Answer(UnixCallsServer.StatReply(reply, 0, p.Signals.TakePending(), stat!.Inode, (int)stat.Kind, stat.Size, stat.Links));
        else await Answer(UnixCallsServer.FstatReply(reply, 0, p.Signals.TakePending(), stat!.Inode, (int)stat.Kind, stat.Size, stat.Links));
    }
}
