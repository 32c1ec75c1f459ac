namespace MachActors.Personalities.Unix;

/// <summary>mmap's sharing (MAP_*): exactly one of <see cref="Shared"/> and <see cref="Private"/>.</summary>
[Flags]
public enum MmapFlags
{
    /// <summary>No flag (EINVAL: one of the two is needed).</summary>
    None = 0,

    /// <summary>MAP_SHARED: the file's memory object itself is mapped; writes reach the file and every other mapper.</summary>
    Shared = 1,

    /// <summary>MAP_PRIVATE: a copy-on-write copy of the file's memory object; writes stay in this process.</summary>
    Private = 2,
}
