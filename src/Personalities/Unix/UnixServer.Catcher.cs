using System.Collections.Immutable;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Personalities.Unix;

/// <summary>The demux's side of the server loop: each routine records the call to run (asynchronously) and defers its reply.</summary>
public sealed partial class UnixServer
{
    /// <summary>IUnixCalls for one request: captures the routine as <see cref="Call"/> and answers MIG_NO_REPLY (the routine replies itself).</summary>
    private sealed class Catcher(UnixServer s) : IUnixCalls
    {
        private const int NoReply = (int)MigReturn.NoReply;

        public Func<Task>? Call { get; private set; }

        private int Defer(Func<Task> call)
        {
            Call = call;
            return NoReply;
        }

        public int Getpid(PortName process, MigReplyHandle reply, out int signals, out int pid, out int parent)
        {
            signals = pid = parent = 0;
            return Defer(() => s.DoGetpid(process, reply));
        }

        public int Fork(PortName process, MigReplyHandle reply, out int signals, out int pid, out PortName childTask)
        {
            signals = pid = 0;
            childTask = PortName.Null;
            return Defer(() => s.DoFork(process, reply));
        }

        public int Exec(PortName process, MigReplyHandle reply, string name, string args, out int signals)
        {
            signals = 0;
            return Defer(() => s.DoExec(process, reply, name, args));
        }

        public int Exit(PortName process, MigReplyHandle reply, int status, out int signals)
        {
            signals = 0;
            return Defer(() => s.DoExit(process, reply, status));
        }

        public int Wait(PortName process, MigReplyHandle reply, int pid, int options, out int signals, out int child, out int status)
        {
            signals = child = status = 0;
            return Defer(() => s.DoWait(process, reply, pid, options));
        }

        public int Pipe(PortName process, MigReplyHandle reply, out int signals, out int readFd, out int writeFd)
        {
            signals = readFd = writeFd = 0;
            return Defer(() => s.DoPipe(process, reply));
        }

        public int Dup(PortName process, MigReplyHandle reply, int fd, out int signals, out int newFd)
        {
            signals = newFd = 0;
            return Defer(() => s.DoDup(process, reply, fd, null));
        }

        public int Dup2(PortName process, MigReplyHandle reply, int fd, int newFd, out int signals, out int result)
        {
            signals = result = 0;
            return Defer(() => s.DoDup(process, reply, fd, newFd));
        }

        public int Open(PortName process, MigReplyHandle reply, string path, int flags, out int signals, out int fd)
        {
            signals = fd = 0;
            return Defer(() => s.DoOpen(process, reply, path, flags));
        }

        public int Read(PortName process, MigReplyHandle reply, int fd, int count, out int signals, out ImmutableArray<byte> data)
        {
            signals = 0;
            data = [];
            return Defer(() => s.DoRead(process, reply, fd, count));
        }

        public int Write(PortName process, MigReplyHandle reply, int fd, ImmutableArray<byte> data, out int signals, out int written)
        {
            signals = written = 0;
            return Defer(() => s.DoWrite(process, reply, fd, data));
        }

        public int Close(PortName process, MigReplyHandle reply, int fd, out int signals)
        {
            signals = 0;
            return Defer(() => s.DoClose(process, reply, fd));
        }

        public int Lseek(PortName process, MigReplyHandle reply, int fd, long offset, int whence, out int signals, out long result)
        {
            signals = 0;
            result = 0;
            return Defer(() => s.DoLseek(process, reply, fd, offset, whence));
        }

        public int Unlink(PortName process, MigReplyHandle reply, string path, out int signals)
        {
            signals = 0;
            return Defer(() => s.DoPathCall(process, reply, path, s.Unlink, UnixCallsServer.UnlinkReply));
        }

        public int Mkdir(PortName process, MigReplyHandle reply, string path, out int signals)
        {
            signals = 0;
            return Defer(() => s.DoPathCall(process, reply, path, s._fs.Mkdir, UnixCallsServer.MkdirReply));
        }

        public int ReadDir(PortName process, MigReplyHandle reply, string path, out int signals, out string entries)
        {
            signals = 0;
            entries = "";
            return Defer(() => s.DoReadDir(process, reply, path));
        }

        public int Stat(PortName process, MigReplyHandle reply, string path, out int signals, out long inode, out int kind, out long size, out int links)
        {
            signals = kind = links = 0;
            inode = size = 0;
            return Defer(() => s.DoStat(process, reply, path, null));
        }

        public int Fstat(PortName process, MigReplyHandle reply, int fd, out int signals, out long inode, out int kind, out long size, out int links)
        {
            signals = kind = links = 0;
            inode = size = 0;
            return Defer(() => s.DoStat(process, reply, null, fd));
        }

        public int Mmap(PortName process, MigReplyHandle reply, int fd, long offset, int length, int prot, int flags, out int signals, out long address)
        {
            signals = 0;
            address = 0;
            return Defer(() => s.DoMmap(process, reply, fd, offset, length, (MmapProt)prot, (MmapFlags)flags));
        }

        public int Munmap(PortName process, MigReplyHandle reply, long address, long length, out int signals)
        {
            signals = 0;
            return Defer(() => s.DoMunmap(process, reply, address, length));
        }

        public int Msync(PortName process, MigReplyHandle reply, long address, long length, int flags, out int signals)
        {
            signals = 0;
            return Defer(() => s.DoMsync(process, reply, address, length, (MsyncFlags)flags));
        }

        public int Kill(PortName process, MigReplyHandle reply, int pid, int signal, out int signals)
        {
            signals = 0;
            return Defer(() => s.DoKill(process, reply, pid, signal));
        }

        public int Sigaction(PortName process, MigReplyHandle reply, int signal, int disposition, out int signals, out int previous)
        {
            signals = previous = 0;
            return Defer(() => s.DoSigaction(process, reply, signal, disposition));
        }

        public int Procs(PortName process, MigReplyHandle reply, out int signals, out string table)
        {
            signals = 0;
            table = "";
            return Defer(() => s.DoProcs(process, reply));
        }

        public int Chdir(PortName process, MigReplyHandle reply, string path, out int signals)
        {
            signals = 0;
            return Defer(() => s.DoChdir(process, reply, path));
        }

        public int Getcwd(PortName process, MigReplyHandle reply, out int signals, out string path)
        {
            signals = 0;
            path = "";
            return Defer(() => s.DoGetcwd(process, reply));
        }

        public int Sigprocmask(PortName process, MigReplyHandle reply, int how, int set, out int signals, out int previous)
        {
            signals = previous = 0;
            return Defer(() => s.DoSigprocmask(process, reply, how, set));
        }

        public int Nanosleep(PortName process, MigReplyHandle reply, long nanoseconds, out int signals, out long remaining)
        {
            signals = 0;
            remaining = 0;
            return Defer(() => s.DoNanosleep(process, reply, nanoseconds));
        }

        public int Execve(PortName process, MigReplyHandle reply, string path, string args, string env, out int signals)
        {
            signals = 0;
            return Defer(() => s.DoExecve(process, reply, path, args, env));
        }
    }
}
