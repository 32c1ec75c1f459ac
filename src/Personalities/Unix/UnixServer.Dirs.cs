using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Personalities.Unix.Fs;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix;

/// <summary>The current directory: chdir, getcwd, and the resolution of every path a process names.</summary>
public sealed partial class UnixServer
{
    /// <summary>The absolute path the file system takes for <paramref name="path"/> as <paramref name="p"/> names it (<see cref="PathResolver"/>: relative to its current directory, "." and ".." walked).</summary>
    private static string Resolve(Process p, string path) => PathResolver.Resolve(p.Cwd, path);

    /// <summary>
    /// chdir: precondition a running caller (else ESRCH). <paramref name="path"/> is resolved from the
    /// caller's directory; it must name a directory (ENOENT for the empty path or a missing one, ENOTDIR
    /// for another kind, the file system's errno otherwise). Effect: the caller's directory is the
    /// resolved path. Replies success with the pending signals.
    /// </summary>
    private async Task DoChdir(PortName port, MigReplyHandle reply, string path)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        var target = Resolve(p, path);
        var (error, stat) = target.Length == 0 ? (Errno.ENOENT, null) : await _fs.Stat(target);
        if (error == Errno.None && stat!.Kind != FileKind.Directory) error = Errno.ENOTDIR;
        if (error != Errno.None)
        {
            await Fail(reply, error);
            return;
        }
        p.Cwd = target;
        await Answer(UnixCallsServer.ChdirReply(reply, 0, p.Signals.TakePending()));
    }

    /// <summary>getcwd: precondition a running caller (else ESRCH). Replies its current directory (absolute, canonical).</summary>
    private async Task DoGetcwd(PortName port, MigReplyHandle reply)
    {
        if (Caller(port) is not { } p) await Fail(reply, Errno.ESRCH);
        else await Answer(UnixCallsServer.GetcwdReply(reply, 0, p.Signals.TakePending(), p.Cwd));
    }
}
