using System.Collections.Immutable;
using MachActors.Actors.Timing;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.User;
using MachActors.Kernel.Vm;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix;

/// <summary>
/// Files as memory objects (docs/UNIX.md, "Files as memory objects"): the server is the task pager of
/// every file that exec or mmap maps. One memory object per inode (memory_object_create on the server's
/// pager port, a member of its port set); data_request reads the file system, data_return writes it
/// (never past the file's end). read, write, truncate and unlink of a mapped file first settle its
/// resident pages with lock_request (return dirty pages; flush them before a change) and wait for
/// lock_completed, serving the pager port meanwhile, so a read sees what a mapper wrote and a mapper
/// sees what write wrote.
/// </summary>
public sealed partial class UnixServer
{
    /// <summary>The range a settling lock_request covers (every page of any file).</summary>
    private const long SettleRange = 1L << 40;

    /// <summary>How long a settle or the shutdown drain waits for the kernel with nothing arriving before it gives up (virtual time).</summary>
    private static readonly Duration SettleIdle = Duration.FromSeconds(30);

    private readonly FileObjectTable _objects = new();
    private readonly Queue<MachMessage> _backlog = new();
    private readonly HashSet<PortName> _lockCompleted = [];
    private PortName _pagerPort;
    private TaskPagerLoop _pager = null!;

    /// <summary>Makes the pager port (a member of the server's set) and the loop that serves it.</summary>
    private async Task StartPager()
    {
        _pagerPort = (await _env.PortAllocate(PortRight.Receive)).Name;
        await _env.PortMoveMember(_pagerPort, _set);
        _pager = new TaskPagerLoop(_env, _pagerPort, new FilePager(this));
    }

    /// <summary>The memory object of the regular file <paramref name="inode"/>, made on first use; null when memory_object_create fails.</summary>
    private async Task<FileObject?> ObjectFor(long inode)
    {
        if (_objects.ForInode(inode) is { } known) return known;
        var (code, port) = await _env.MemoryObjectCreate(_pagerPort, _objects.NextKey);
        return code == KernReturn.Success ? _objects.Add(inode, port) : null;
    }

    /// <summary>
    /// Brings the mapped pages of <paramref name="inode"/> in line with the file system: each live
    /// incarnation gets lock_request(return dirty, flush when <paramref name="flush"/>, reply) and the
    /// server serves its pager port until lock_completed (or terminate: the incarnation ended, its dirty
    /// pages came back before it). Other messages wait in the backlog. No object: nothing to do.
    /// </summary>
    private async Task Settle(long inode, bool flush)
    {
        if ((_config.SeededBugs & UnixSeededBugs.SettleSkipped) != 0) return;
        if (_objects.ForInode(inode) is { } obj) await Settle(obj, flush);
    }

    /// <summary>Settles every live incarnation of <paramref name="obj"/> (see <see cref="Settle(long, bool)"/>), in [<paramref name="offset"/>, +<paramref name="size"/>) of the file (whole pages).</summary>
    private async Task Settle(FileObject obj, bool flush, long offset = 0, long size = SettleRange)
    {
        foreach (var control in obj.Controls.ToList())
        {
            _lockCompleted.Remove(control);
            await _pager.Control.MemoryObjectLockRequestAsync(control, offset, size, LockReturnPolicy.Dirty, flush, -1, true);
            await ServePagerUntil(() => _lockCompleted.Contains(control) || !obj.Controls.Contains(control));
            _lockCompleted.Remove(control);
        }
    }

    /// <summary>At shutdown, after every process ended: every object's dirty pages (cached ones included: may_cache keeps them after the last unmap) come back before the file system syncs.</summary>
    private async Task DrainPager()
    {
        foreach (var obj in _objects.Live.ToList()) await Settle(obj, flush: false);
    }

    /// <summary>
    /// Receives on the server's set until <paramref name="done"/>: pager messages are served at once,
    /// everything else is kept in order in the backlog for the main loop. Gives up when nothing arrives
    /// for <see cref="SettleIdle"/> (a kernel that never answers must not hang the server).
    /// </summary>
    private async Task ServePagerUntil(Func<bool> done)
    {
        while (!done())
        {
            var received = await _env.Receive(_set, SettleIdle);
            if (received.Return != MachMsgReturn.Success || received.Message is not { } message) return;
            if (message.Header.Local == _pagerPort) await _pager.Handle(message);
            else if ((_config.SeededBugs & UnixSeededBugs.BacklogDropped) != 0) continue; // the seeded bug: the call is forgotten, its reply right kept unused
            else _backlog.Enqueue(message);
        }
    }

    /// <summary>
    /// unlink of a path: a mapped file's pages are settled and its bytes kept for its mappers (the object
    /// becomes an orphan) before the name goes; the orphan is uncached (change_attributes, may_cache off), so
    /// its incarnation ends and its frames are freed with its last mapping (its dirty pages come back to the
    /// orphan's bytes first, under the control's name: terminate hands the port over only after them).
    /// </summary>
    private async Task<Errno> Unlink(string path)
    {
        var (looked, inode) = await _fs.Lookup(path);
        if (looked != Errno.None || _objects.ForInode(inode) is null) return await _fs.Unlink(path);
        await Settle(inode, flush: true);
        var contents = await ReadAll(inode);
        var error = await _fs.Unlink(path);
        if (error != Errno.None || await _fs.StatInode(inode) is (Errno.None, _) || _objects.Unlink(inode, contents) is not { } orphan) return error;
        foreach (var control in orphan.Controls) // no one can map it again: uncache it, so its pages go with its last mapping
        {
            await _pager.Control.MemoryObjectChangeAttributesAsync(control, false, VmCopyStrategy.Delay, false);
        }
        return error;
    }

    /// <summary>Every byte of the file <paramref name="inode"/> (none on an error).</summary>
    private async Task<byte[]> ReadAll(long inode)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var (error, data) = await _fs.Read(inode, bytes.Count, MaxIo);
            if (error != Errno.None || data.Length == 0) return [.. bytes];
            bytes.AddRange(data);
        }
    }

    /// <summary>The kernel's calls for the server's files (<see cref="ITaskPager"/>), on the server's one thread.</summary>
    private sealed class FilePager(UnixServer s) : ITaskPager
    {
        /// <summary>
        /// init: a key the server made gets ready with may_cache on: the object keeps its pages (text for the
        /// next exec, a file's dirty pages) and its incarnation after the last unmap, so the next exec finds
        /// its text resident and the server's settles find the dirty pages. An unknown key's incarnation is destroyed.
        /// </summary>
        public async Task Init(PortName control, long key, int pageSize)
        {
            if (s._objects.Init(key, control) is null) await s._pager.Control.MemoryObjectDestroyAsync(control, KernReturn.InvalidArgument);
            else await s._pager.Control.MemoryObjectReadyAsync(control, true, VmCopyStrategy.Delay);
        }

        /// <summary>data_request: the file's bytes at the offset (zero-filled past its end; data_unavailable when none), data_error when the file system fails. A stale control is ignored.</summary>
        public async Task DataRequest(PortName control, long offset, long length, VmProt access)
        {
            if (s._objects.ForControl(control) is not { } obj) return;
            obj.Requests++;
            var page = s._env.Machine.PageSize;
            var (error, data) = obj.Orphan is { } orphan ? (Errno.None, Slice(orphan, offset, page))
                : await s._fs.Read(obj.Inode, offset, page);
            if (error != Errno.None) await s._pager.Control.MemoryObjectDataErrorAsync(control, offset, page, KernReturn.Failure);
            else if (data.Length == 0) await s._pager.Control.MemoryObjectDataUnavailableAsync(control, offset, page);
            else
            {
                var whole = new byte[page];
                data.CopyTo(whole, 0);
                await s._pager.Control.MemoryObjectDataSupplyAsync(control, offset, ImmutableArray.Create(whole), VmProt.None, false, false);
            }
        }

        /// <summary>data_return of a dirty page: its bytes up to the file's end are written (a mapping never grows a file). Clean pages and stale controls are ignored.</summary>
        public async Task DataReturn(PortName control, long offset, ImmutableArray<byte> data, bool dirty)
        {
            if (!dirty || s._objects.ForControl(control) is not { } obj) return;
            obj.Returns++;
            if ((s._config.SeededBugs & UnixSeededBugs.PagerDropsReturns) != 0) return;
            if (obj.Orphan is { } orphan)
            {
                if (offset < orphan.Length) data.AsSpan(0, (int)Math.Min(data.Length, orphan.Length - offset)).CopyTo(orphan.AsSpan((int)offset));
                return;
            }
            var size = await s._fs.StatInode(obj.Inode) is (Errno.None, { } stat) ? stat.Size : 0;
            if (offset < size) await s._fs.Write(obj.Inode, offset, data.AsMemory()[..(int)Math.Min(data.Length, size - offset)]);
        }

        /// <summary>terminate: the incarnation ends; the init's control right goes; an orphan with no incarnation left is forgotten (its port right too).</summary>
        public async Task Terminate(PortName control)
        {
            var obj = s._objects.Terminate(control);
            await s._env.PortDeallocate(control);
            if (obj is { Orphan: not null, Controls.Count: 0 }) await s._env.PortDeallocate(obj.MemoryObject);
        }

        /// <summary>lock_completed ends a settle's wait.</summary>
        public Task Completed(PortName control, int id)
        {
            if (id == 2206) s._lockCompleted.Add(control);
            return Task.CompletedTask;
        }

        private static byte[] Slice(byte[] bytes, long offset, int count) =>
            offset >= bytes.Length ? [] : bytes.AsSpan((int)offset, (int)Math.Min(count, bytes.Length - offset)).ToArray();
    }
}
