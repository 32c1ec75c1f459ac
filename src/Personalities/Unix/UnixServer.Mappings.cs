using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Vm;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix;

/// <summary>File mappings: mmap (the file's memory object into the caller's task), munmap and msync (docs/UNIX.md, "Files as memory objects").</summary>
public sealed partial class UnixServer
{
    /// <summary>
    /// mmap of a regular file: its memory object (made on first use, paged by this server) is vm_mapped
    /// into the caller's task anywhere: itself for MAP_SHARED (inherited shared by fork; writes reach the
    /// file), a copy-on-write copy for MAP_PRIVATE. EACCES for an fd not open for reading, or a shared
    /// writable mapping of an fd not open for writing; EINVAL for a bad length, offset or flags, or what is
    /// not a regular file; ENOMEM when the task has no room. The mapping is recorded (for msync). Replies the address.
    /// </summary>
    private async Task DoMmap(PortName port, MigReplyHandle reply, int fd, long offset, int length, MmapProt prot, MmapFlags flags)
    {
        if (await Descriptor(port, reply, fd) is not var (p, f)) return;
        var shared = flags == MmapFlags.Shared;
        var error = f.Kind != OpenFileKind.File ? Errno.EINVAL
            : length <= 0 || offset < 0 || offset % _env.Machine.PageSize != 0 || (flags != MmapFlags.Shared && flags != MmapFlags.Private) || (prot & ~(MmapProt.Read | MmapProt.Write | MmapProt.Exec)) != 0 ? Errno.EINVAL
            : !f.Readable || (shared && (prot & MmapProt.Write) != 0 && !f.Writable) ? Errno.EACCES
            : Errno.None;
        var obj = error == Errno.None ? await ObjectFor(f.Inode) : null;
        if (error == Errno.None && obj is null) error = Errno.ENOMEM;
        if (error != Errno.None)
        {
            await Fail(reply, error);
            return;
        }
        var size = Pages((ulong)length);
        var protection = (VmProt)(int)prot; // PROT_READ/WRITE/EXEC are VM_PROT_READ/WRITE/EXECUTE
        var (code, address) = await _env.VmMap(p.Task, 0, size, 0, true, obj!.MemoryObject, (ulong)offset,
            copy: !shared, protection, VmProt.All, shared ? VmInherit.Share : VmInherit.Copy);
        if (code != KernReturn.Success)
        {
            await Fail(reply, Errno.ENOMEM);
            return;
        }
        p.Mappings.Add(new FileMapping(address, size, obj, offset, shared));
        await Answer(UnixCallsServer.MmapReply(reply, 0, p.Signals.TakePending(), (long)address));
    }

    /// <summary>
    /// munmap: the range leaves the caller's task (vm_deallocate: a shared mapping's dirty pages stay in
    /// the file's cached object, to be settled later) and its mapping records. EINVAL for an unaligned
    /// address or a length of 0 or less; unmapping what is not mapped is not an error (POSIX).
    /// </summary>
    private async Task DoMunmap(PortName port, MigReplyHandle reply, long address, long length)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        if (address < 0 || length <= 0 || address % _env.Machine.PageSize != 0)
        {
            await Fail(reply, Errno.EINVAL);
            return;
        }
        var size = Pages((ulong)length);
        var code = await _env.VmDeallocate(p.Task, (ulong)address, size);
        p.Mappings.Remove((ulong)address, size);
        if (code != KernReturn.Success) await Fail(reply, Errno.EINVAL);
        else await Answer(UnixCallsServer.MunmapReply(reply, 0, p.Signals.TakePending()));
    }

    /// <summary>
    /// msync: every shared file mapping in the range has its file's pages in that range settled (the dirty
    /// ones written to the file; with INVALIDATE also dropped, so the next access reads the file again); SYNC
    /// also syncs the file system to its disk. Private mappings have nothing to write. EINVAL for bad flags
    /// or an unaligned address, ENOMEM when no file mapping is in the range.
    /// </summary>
    private async Task DoMsync(PortName port, MigReplyHandle reply, long address, long length, MsyncFlags flags)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        var mode = flags & (MsyncFlags.Async | MsyncFlags.Sync);
        if (address < 0 || length <= 0 || address % _env.Machine.PageSize != 0 || (flags & ~(MsyncFlags.Async | MsyncFlags.Sync | MsyncFlags.Invalidate)) != 0
            || mode is not (MsyncFlags.Async or MsyncFlags.Sync))
        {
            await Fail(reply, Errno.EINVAL);
            return;
        }
        var within = p.Mappings.Within((ulong)address, Pages((ulong)length));
        if (within.Count == 0)
        {
            await Fail(reply, Errno.ENOMEM);
            return;
        }
        foreach (var m in within.Where(m => m.Shared)) await Settle(m.Object, (flags & MsyncFlags.Invalidate) != 0, m.Offset, (long)m.Size);
        var synced = mode == MsyncFlags.Sync ? await _fs.Sync() : Errno.None;
        if (synced != Errno.None) await Fail(reply, Errno.EIO);
        else await Answer(UnixCallsServer.MsyncReply(reply, 0, p.Signals.TakePending()));
    }

    /// <summary><paramref name="bytes"/> rounded up to whole pages.</summary>
    private ulong Pages(ulong bytes)
    {
        var page = (ulong)_env.Machine.PageSize;
        return (bytes + page - 1) / page * page;
    }
}
