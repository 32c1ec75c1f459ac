namespace MachActors.Personalities.Unix;

/// <summary>The signals the UNIX server knows, with their 4.3BSD numbers (docs/UNIX.md "Signals").</summary>
public static class Signal
{
    /// <summary>SIGILL: illegal instruction (EXC_BAD_INSTRUCTION).</summary>
    public const int SIGILL = 4;

    /// <summary>SIGTRAP: breakpoint (EXC_BREAKPOINT).</summary>
    public const int SIGTRAP = 5;

    /// <summary>SIGABRT: abort (EXC_SOFTWARE 0x10002, and a program that throws).</summary>
    public const int SIGABRT = 6;

    /// <summary>SIGEMT: emulator trap (EXC_EMULATION).</summary>
    public const int SIGEMT = 7;

    /// <summary>SIGFPE: arithmetic exception (EXC_ARITHMETIC).</summary>
    public const int SIGFPE = 8;

    /// <summary>SIGKILL: terminates, cannot be caught or ignored.</summary>
    public const int SIGKILL = 9;

    /// <summary>SIGSEGV: bad memory access (EXC_BAD_ACCESS).</summary>
    public const int SIGSEGV = 11;

    /// <summary>SIGSYS: a system call the emulation vector does not hold (EXC_SOFTWARE 0x10000).</summary>
    public const int SIGSYS = 12;

    /// <summary>SIGPIPE: write on a pipe with no reader.</summary>
    public const int SIGPIPE = 13;

    /// <summary>SIGTERM: terminate (default), or a handler.</summary>
    public const int SIGTERM = 15;

    /// <summary>SIGCHLD: a child exited (ignored by default).</summary>
    public const int SIGCHLD = 20;

    /// <summary>The highest signal number.</summary>
    public const int Max = 31;

    /// <summary>True for a number the server accepts (1..<see cref="Max"/>).</summary>
    public static bool IsValid(int signal) => signal is > 0 and <= Max;
}

/// <summary>What a process does with a signal (sigaction's handler field, minimal).</summary>
public enum SignalDisposition
{
    /// <summary>SIG_DFL: the default action (terminate; SIGCHLD is ignored).</summary>
    Default = 0,

    /// <summary>SIG_IGN.</summary>
    Ignore = 1,

    /// <summary>A handler in the program, run by the emulation library when a system call returns.</summary>
    Catch = 2,
}

/// <summary>wait(2) status words, as 4.3BSD encodes them: exit code in bits 8..15, or the terminating signal in bits 0..6.</summary>
public static class WaitStatus
{
    /// <summary>WNOHANG: waitpid returns pid 0 at once when no child has ended.</summary>
    public const int NoHang = 1;

    /// <summary>The status of a process that called exit(<paramref name="code"/>).</summary>
    public static int Exited(int code) => (code & 0xff) << 8;

    /// <summary>The status of a process a signal terminated.</summary>
    public static int Signaled(int signal) => signal & 0x7f;

    /// <summary>WIFEXITED.</summary>
    public static bool IfExited(int status) => (status & 0x7f) == 0;

    /// <summary>WEXITSTATUS.</summary>
    public static int ExitStatus(int status) => (status >> 8) & 0xff;

    /// <summary>WIFSIGNALED.</summary>
    public static bool IfSignaled(int status) => (status & 0x7f) != 0;

    /// <summary>WTERMSIG.</summary>
    public static int TermSig(int status) => status & 0x7f;
}
