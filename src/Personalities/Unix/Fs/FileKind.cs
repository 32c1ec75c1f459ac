namespace MachActors.Personalities.Unix.Fs;

/// <summary>What a file system node is.</summary>
public enum FileKind
{
    /// <summary>A regular file.</summary>
    Regular = 1,

    /// <summary>A directory.</summary>
    Directory = 2,

    /// <summary>A character device (/dev/console).</summary>
    CharDevice = 3,
}
