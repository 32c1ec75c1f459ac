namespace MachActors.Pagers.Dsm;

/// <summary>A DSM page's state in the directory (read-many / write-one).</summary>
public enum DsmPageMode
{
    /// <summary>No node holds a copy (the pager's copy is the only one).</summary>
    Invalid,

    /// <summary>One or more nodes hold read-only (write-locked) copies equal to the pager's.</summary>
    Shared,

    /// <summary>One node holds the only copy, writable; the pager's copy may be stale.</summary>
    Exclusive,
}
