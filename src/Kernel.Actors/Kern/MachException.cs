using MachActors.Hardware.Execution;

namespace MachActors.Kernel.Kern;

/// <summary>One exception as exception_raise carries it: type, code and subcode (spec section 6).</summary>
/// <param name="Type">EXC_BAD_ACCESS .. EXC_BREAKPOINT (any int travels; the kernel raises only the six).</param>
/// <param name="Code">The machine-dependent code.</param>
/// <param name="Subcode">The machine-dependent subcode.</param>
public readonly record struct MachException(ExceptionType Type, int Code, int Subcode)
{
    /// <summary>
    /// The exception a program's failure raises (docs/IPC.md, "Exceptions"): DivideByZeroException,
    /// OverflowException and other ArithmeticExceptions are EXC_ARITHMETIC (Divide, Overflow,
    /// OtherArithmetic); NullReferenceException and IndexOutOfRangeException are EXC_BAD_ACCESS
    /// (InvalidAddress, subcode 0); a broken trap rule (<see cref="ProgramFaultException"/>) is
    /// EXC_BAD_INSTRUCTION (IllegalTrap); a cancellation is EXC_SOFTWARE (Cancelled); anything else
    /// the program throws is EXC_SOFTWARE (Threw).
    /// </summary>
    /// <param name="error">What the program threw.</param>
    /// <returns>The exception to raise.</returns>
    public static MachException FromProgram(Exception error) => error switch
    {
        DivideByZeroException => new(ExceptionType.Arithmetic, ExceptionCodes.Divide, 0),
        OverflowException => new(ExceptionType.Arithmetic, ExceptionCodes.Overflow, 0),
        ArithmeticException => new(ExceptionType.Arithmetic, ExceptionCodes.OtherArithmetic, 0),
        NullReferenceException or IndexOutOfRangeException => new(ExceptionType.BadAccess, ExceptionCodes.InvalidAddress, 0),
        ProgramFaultException => new(ExceptionType.BadInstruction, ExceptionCodes.IllegalTrap, 0),
        OperationCanceledException => new(ExceptionType.Software, ExceptionCodes.Cancelled, 0),
        _ => new(ExceptionType.Software, ExceptionCodes.Threw, 0),
    };

    /// <summary>"EXC_ARITHMETIC code 1 subcode 0".</summary>
    public override string ToString() => $"{Name(Type)} code {Code} subcode {Subcode}";

    private static string Name(ExceptionType type) => type switch
    {
        ExceptionType.BadAccess => "EXC_BAD_ACCESS",
        ExceptionType.BadInstruction => "EXC_BAD_INSTRUCTION",
        ExceptionType.Arithmetic => "EXC_ARITHMETIC",
        ExceptionType.Emulation => "EXC_EMULATION",
        ExceptionType.Software => "EXC_SOFTWARE",
        ExceptionType.Breakpoint => "EXC_BREAKPOINT",
        _ => $"exception {(int)type}",
    };
}
