using System.Globalization;
using System.Text;
using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>What the programs share (a tiny libc): standard output and error, messages for errnos and signals, reads, copying a descriptor.</summary>
public static class ProgramIo
{
    /// <summary>Bytes a program reads at a time.</summary>
    public const int Chunk = 4096;

    /// <summary>Writes <paramref name="text"/> to standard output.</summary>
    public static Task<(Errno Error, int Written)> Out(UnixEnv u, string text) => u.Write(1, text);

    /// <summary>Writes "<paramref name="text"/>\n" to standard error; returns <paramref name="status"/> (for "return await Fail(...)").</summary>
    public static async Task<int> Fail(UnixEnv u, string text, int status = 1)
    {
        await u.Write(2, text + "\n");
        return status;
    }

    /// <summary>read(2) of at most <paramref name="count"/> bytes: data, empty at end of file, or the error (a console read waits for input, docs/UNIX.md "Console reads").</summary>
    public static Task<(Errno Error, byte[] Data)> Read(UnixEnv u, int fd, int count = Chunk) => u.Read(fd, count);

    /// <summary>Copies <paramref name="from"/> to <paramref name="to"/> until end of file: the first error (a write's EPIPE too).</summary>
    public static async Task<Errno> Copy(UnixEnv u, int from, int to)
    {
        while (true)
        {
            var (error, data) = await Read(u, from);
            if (error != Errno.None || data.Length == 0) return error;
            var (written, _) = await u.Write(to, data);
            if (written != Errno.None) return written;
        }
    }

    /// <summary>strerror(3).</summary>
    public static string Message(Errno error) => error switch
    {
        Errno.EPERM => "Operation not permitted",
        Errno.ENOENT => "No such file or directory",
        Errno.ESRCH => "No such process",
        Errno.EINTR => "Interrupted system call",
        Errno.EIO => "Input/output error",
        Errno.ENOEXEC => "Exec format error",
        Errno.E2BIG => "Argument list too long",
        Errno.EBADF => "Bad file descriptor",
        Errno.ECHILD => "No child processes",
        Errno.EAGAIN => "Resource temporarily unavailable",
        Errno.ENOMEM => "Cannot allocate memory",
        Errno.EEXIST => "File exists",
        Errno.ENOTDIR => "Not a directory",
        Errno.EISDIR => "Is a directory",
        Errno.EINVAL => "Invalid argument",
        Errno.EMFILE => "Too many open files",
        Errno.EFBIG => "File too large",
        Errno.ENOSPC => "No space left on device",
        Errno.ESPIPE => "Illegal seek",
        Errno.EPIPE => "Broken pipe",
        Errno.ENAMETOOLONG => "File name too long",
        Errno.ENOSYS => "Function not implemented",
        Errno.ENOTEMPTY => "Directory not empty",
        _ => error.ToString(),
    };

    /// <summary>What a shell says when a process ends by <paramref name="signal"/> (4.3BSD's words).</summary>
    public static string SignalMessage(int signal) => signal switch
    {
        Signal.SIGILL => "Illegal instruction",
        Signal.SIGTRAP => "Trace/BPT trap",
        Signal.SIGABRT => "Abort trap",
        Signal.SIGEMT => "EMT trap",
        Signal.SIGFPE => "Floating point exception",
        Signal.SIGKILL => "Killed",
        Signal.SIGSEGV => "Segmentation fault",
        Signal.SIGSYS => "Bad system call",
        Signal.SIGPIPE => "Broken pipe",
        Signal.SIGTERM => "Terminated",
        _ => "Signal " + signal.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A non-negative decimal count, or null.</summary>
    public static long? Count(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The UTF-8 text of <paramref name="data"/>.</summary>
    public static string Text(byte[] data) => Encoding.UTF8.GetString(data);

    /// <summary>The last component of <paramref name="path"/>.</summary>
    public static string BaseName(string path) => path.TrimEnd('/').Split('/')[^1];
}
