namespace MachActors.Personalities.Unix.Fs;

/// <summary>One entry of a directory, as readdir(3) returns it.</summary>
/// <param name="Name">The entry's name (no slash).</param>
/// <param name="Inode">The node it names.</param>
/// <param name="Kind">The node's kind.</param>
public sealed record DirEntry(string Name, long Inode, FileKind Kind);
