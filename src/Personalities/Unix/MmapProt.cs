namespace MachActors.Personalities.Unix;

/// <summary>mmap's protection (PROT_*): what the mapping allows.</summary>
[Flags]
public enum MmapProt
{
    /// <summary>PROT_NONE: no access.</summary>
    None = 0,

    /// <summary>PROT_READ.</summary>
    Read = 1,

    /// <summary>PROT_WRITE.</summary>
    Write = 2,

    /// <summary>PROT_EXEC.</summary>
    Exec = 4,
}
