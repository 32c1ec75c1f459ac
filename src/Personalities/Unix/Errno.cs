namespace MachActors.Personalities.Unix;

/// <summary>
/// UNIX error numbers (the values of 4.3BSD and Linux for these names), as the UNIX server returns
/// them and the emulation library hands them to programs. <see cref="None"/> is success. Expected
/// failures are always an <see cref="Errno"/>, never an exception.
/// </summary>
public enum Errno
{
    /// <summary>Success.</summary>
    None = 0,

    /// <summary>EPERM: operation not permitted.</summary>
    EPERM = 1,

    /// <summary>ENOENT: no such file or directory.</summary>
    ENOENT = 2,

    /// <summary>ESRCH: no such process.</summary>
    ESRCH = 3,

    /// <summary>EINTR: interrupted system call.</summary>
    EINTR = 4,

    /// <summary>EIO: input/output error.</summary>
    EIO = 5,

    /// <summary>E2BIG: argument list (or environment) too long.</summary>
    E2BIG = 7,

    /// <summary>ENOEXEC: exec format error (no such program).</summary>
    ENOEXEC = 8,

    /// <summary>EBADF: bad file descriptor.</summary>
    EBADF = 9,

    /// <summary>ECHILD: no child processes.</summary>
    ECHILD = 10,

    /// <summary>EAGAIN: resource temporarily unavailable.</summary>
    EAGAIN = 11,

    /// <summary>ENOMEM: cannot allocate memory.</summary>
    ENOMEM = 12,

    /// <summary>EACCES: permission denied.</summary>
    EACCES = 13,

    /// <summary>EFAULT: bad address.</summary>
    EFAULT = 14,

    /// <summary>EEXIST: file exists.</summary>
    EEXIST = 17,

    /// <summary>ENOTDIR: not a directory.</summary>
    ENOTDIR = 20,

    /// <summary>EISDIR: is a directory.</summary>
    EISDIR = 21,

    /// <summary>EINVAL: invalid argument.</summary>
    EINVAL = 22,

    /// <summary>EMFILE: too many open files.</summary>
    EMFILE = 24,

    /// <summary>EFBIG: file too large.</summary>
    EFBIG = 27,

    /// <summary>ENOSPC: no space left on device.</summary>
    ENOSPC = 28,

    /// <summary>ESPIPE: illegal seek.</summary>
    ESPIPE = 29,

    /// <summary>EPIPE: broken pipe.</summary>
    EPIPE = 32,

    /// <summary>ENAMETOOLONG: file name too long.</summary>
    ENAMETOOLONG = 36,

    /// <summary>ENOSYS: function not implemented.</summary>
    ENOSYS = 38,

    /// <summary>ENOTEMPTY: directory not empty.</summary>
    ENOTEMPTY = 39,
}
