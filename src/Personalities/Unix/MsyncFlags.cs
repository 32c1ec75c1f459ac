namespace MachActors.Personalities.Unix;

/// <summary>msync's flags (MS_*, Linux's values): exactly one of <see cref="Async"/> and <see cref="Sync"/>, and <see cref="Invalidate"/> if wanted.</summary>
[Flags]
public enum MsyncFlags
{
    /// <summary>None (EINVAL: one of ASYNC and SYNC is needed).</summary>
    None = 0,

    /// <summary>MS_ASYNC: the dirty pages go to the file; no wait for the disk.</summary>
    Async = 1,

    /// <summary>MS_INVALIDATE: the pages are also dropped, so the next access reads the file again.</summary>
    Invalidate = 2,

    /// <summary>MS_SYNC: the dirty pages go to the file and the file system is synced to its disk.</summary>
    Sync = 4,
}
