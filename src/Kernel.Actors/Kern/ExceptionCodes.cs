namespace MachActors.Kernel.Kern;

/// <summary>
/// This machine's codes below the exception type (spec 6: machine-dependent), as the kernel reports
/// the faults of programs (<see cref="MachException.FromProgram"/>). A program raising an exception
/// itself (<c>MachEnv.RaiseException</c>) chooses its own code and subcode.
/// </summary>
public static class ExceptionCodes
{
    /// <summary>EXC_BAD_ACCESS: KERN_INVALID_ADDRESS (a NullReferenceException, an index out of range); the subcode (address) is 0: there is no address model yet.</summary>
    public const int InvalidAddress = 1;

    /// <summary>EXC_BAD_INSTRUCTION: the program broke the trap rules (awaited something that is not a trap, two traps at once, an unknown trap).</summary>
    public const int IllegalTrap = 1;

    /// <summary>EXC_ARITHMETIC: integer division by zero (DivideByZeroException), as i386's EXC_I386_DIV.</summary>
    public const int Divide = 1;

    /// <summary>EXC_ARITHMETIC: overflow (OverflowException), as i386's EXC_I386_INTO.</summary>
    public const int Overflow = 2;

    /// <summary>EXC_ARITHMETIC: any other ArithmeticException (e.g. NotFiniteNumberException).</summary>
    public const int OtherArithmetic = 3;

    /// <summary>EXC_SOFTWARE: the program threw an exception that is none of the above (an uncaught throw, like abort()).</summary>
    public const int Threw = 1;

    /// <summary>EXC_SOFTWARE: the program's task was cancelled (OperationCanceledException out of the program).</summary>
    public const int Cancelled = 2;

    /// <summary>EXC_SOFTWARE: a system call number the task's emulation vector does not hold (EXC_UNIX_BAD_SYSCALL, spec 6: SIGSYS); the subcode is the number.</summary>
    public const int UnixBadSyscall = 0x10000;

    /// <summary>EXC_SOFTWARE: a write on a pipe with no reader (EXC_UNIX_BAD_PIPE, spec 6: SIGPIPE).</summary>
    public const int UnixBadPipe = 0x10001;

    /// <summary>EXC_SOFTWARE: abort() (EXC_UNIX_ABORT, spec 6: SIGABRT).</summary>
    public const int UnixAbort = 0x10002;
}
