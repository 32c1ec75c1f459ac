namespace MachActors.Personalities.Unix.Server;

/// <summary>What an open file refers to.</summary>
public enum OpenFileKind
{
    /// <summary>A regular file of the file system.</summary>
    File,

    /// <summary>A directory (open for stat; read is EISDIR).</summary>
    Directory,

    /// <summary>The read end of a pipe.</summary>
    PipeRead,

    /// <summary>The write end of a pipe.</summary>
    PipeWrite,

    /// <summary>/dev/console.</summary>
    Console,
}

/// <summary>
/// An open file (4.3BSD's struct file): shared by every descriptor dup and fork made from the one
/// open, with one offset. <see cref="Refs"/> counts those descriptors; the server releases the file
/// (a pipe end closes) when it drops to 0.
/// </summary>
public sealed class OpenFile
{
    /// <summary>open(2) flags: O_RDONLY.</summary>
    public const int ReadOnly = 0;

    /// <summary>O_WRONLY.</summary>
    public const int WriteOnly = 1;

    /// <summary>O_RDWR.</summary>
    public const int ReadWrite = 2;

    /// <summary>The access-mode mask.</summary>
    public const int AccessMode = 3;

    /// <summary>O_APPEND: every write goes to the end.</summary>
    public const int Append = 0x8;

    /// <summary>O_CREAT.</summary>
    public const int Create = 0x200;

    /// <summary>O_TRUNC.</summary>
    public const int Truncate = 0x400;

    /// <summary>O_EXCL (with O_CREAT).</summary>
    public const int Exclusive = 0x800;

    /// <summary>An open file of <paramref name="kind"/>.</summary>
    public OpenFile(OpenFileKind kind, bool readable, bool writable)
    {
        Kind = kind;
        Readable = readable;
        Writable = writable;
    }

    /// <summary>What it refers to.</summary>
    public OpenFileKind Kind { get; }

    /// <summary>Open for reading.</summary>
    public bool Readable { get; }

    /// <summary>Open for writing.</summary>
    public bool Writable { get; }

    /// <summary>O_APPEND.</summary>
    public bool AppendMode { get; init; }

    /// <summary>The file's inode (File, Directory).</summary>
    public long Inode { get; init; }

    /// <summary>The path it was opened by (Directory; for messages).</summary>
    public string Path { get; init; } = "";

    /// <summary>The pipe (PipeRead, PipeWrite).</summary>
    public Pipe? Pipe { get; init; }

    /// <summary>The shared offset (File).</summary>
    public long Offset { get; set; }

    /// <summary>Descriptors referring to it, in every process.</summary>
    public int Refs { get; set; }
}
