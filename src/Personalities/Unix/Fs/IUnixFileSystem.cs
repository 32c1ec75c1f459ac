namespace MachActors.Personalities.Unix.Fs;

/// <summary>
/// The UNIX server's file system: absolute paths ('/'-separated, no '.' or '..' handling beyond
/// what the implementation documents) and inode numbers. Every operation is asynchronous because a
/// disk-backed implementation runs inside the server task and waits for the Disk device
/// (device_read / device_write through MachEnv); an in-memory one completes at once. Every failure
/// is an <see cref="Errno"/>: ENOENT (a missing component), ENOTDIR (a component is not a
/// directory), EISDIR (data operation on a directory), EEXIST, ENOTEMPTY, ENOSPC, EIO (the device
/// failed), EINVAL (a malformed path or negative offset), ENAMETOOLONG. Never an exception.
/// </summary>
public interface IUnixFileSystem
{
    /// <summary>The node <paramref name="path"/> names.</summary>
    Task<(Errno Error, long Inode)> Lookup(string path);

    /// <summary>stat(2) of <paramref name="path"/>.</summary>
    Task<(Errno Error, FileStat? Stat)> Stat(string path);

    /// <summary>fstat(2): the node <paramref name="inode"/> (ENOENT when it no longer exists).</summary>
    Task<(Errno Error, FileStat? Stat)> StatInode(long inode);

    /// <summary>Creates the regular file <paramref name="path"/> (its directory must exist); an existing file is returned as is unless <paramref name="exclusive"/> (EEXIST).</summary>
    Task<(Errno Error, long Inode)> Create(string path, bool exclusive);

    /// <summary>Reads up to <paramref name="count"/> bytes of <paramref name="inode"/> at <paramref name="offset"/> (fewer at the end of the file; none past it).</summary>
    Task<(Errno Error, byte[] Data)> Read(long inode, long offset, int count);

    /// <summary>Writes <paramref name="data"/> into <paramref name="inode"/> at <paramref name="offset"/>, growing the file (a hole reads as zeros); returns the bytes written.</summary>
    Task<(Errno Error, int Written)> Write(long inode, long offset, ReadOnlyMemory<byte> data);

    /// <summary>Sets the length of <paramref name="inode"/> (O_TRUNC is length 0).</summary>
    Task<Errno> Truncate(long inode, long length);

    /// <summary>Removes the directory entry <paramref name="path"/> of a non-directory (EISDIR for a directory).</summary>
    Task<Errno> Unlink(string path);

    /// <summary>Creates the directory <paramref name="path"/> (EEXIST when the name exists).</summary>
    Task<Errno> Mkdir(string path);

    /// <summary>The entries of the directory <paramref name="path"/>, sorted by name (ordinal).</summary>
    Task<(Errno Error, IReadOnlyList<DirEntry> Entries)> ReadDir(string path);

    /// <summary>Writes every buffered change to the device (a no-op in memory).</summary>
    Task<Errno> Sync();
}
