namespace MachActors.Personalities.Unix.Server;

/// <summary>One mmap of a file in a process: [<paramref name="Address"/>, +<paramref name="Size"/>) shows the file's memory object from <paramref name="Offset"/>.</summary>
/// <param name="Address">Where it starts in the process's task (page aligned).</param>
/// <param name="Size">Its length in bytes (whole pages).</param>
/// <param name="Object">The file's memory object.</param>
/// <param name="Offset">The file offset at <paramref name="Address"/>.</param>
/// <param name="Shared">MAP_SHARED (the object itself) or MAP_PRIVATE (a copy).</param>
public sealed record FileMapping(ulong Address, ulong Size, FileObject Object, long Offset, bool Shared)
{
    /// <summary>One past the last byte.</summary>
    public ulong End => Address + Size;
}
