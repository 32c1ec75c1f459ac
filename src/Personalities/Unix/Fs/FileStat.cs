namespace MachActors.Personalities.Unix.Fs;

/// <summary>What stat(2) returns for a node.</summary>
/// <param name="Inode">The node's number (unique in its file system while it exists).</param>
/// <param name="Kind">Regular file, directory or device.</param>
/// <param name="Size">Bytes (a directory's size is its entry count).</param>
/// <param name="Links">Directory entries naming the node.</param>
public sealed record FileStat(long Inode, FileKind Kind, long Size, int Links);
