namespace MachActors.Kernel.Kern;

/// <summary>The machine-independent exception types (spec section 6; mach/exception.h).</summary>
public enum ExceptionType
{
    /// <summary>EXC_BAD_ACCESS: code is the kern_return (KERN_INVALID_ADDRESS 1, KERN_PROTECTION_FAILURE 2), subcode the address.</summary>
    BadAccess = 1,

    /// <summary>EXC_BAD_INSTRUCTION: an illegal or undefined instruction (here: a broken trap rule, see <see cref="ExceptionCodes"/>).</summary>
    BadInstruction = 2,

    /// <summary>EXC_ARITHMETIC: division by zero, overflow, other arithmetic errors.</summary>
    Arithmetic = 3,

    /// <summary>EXC_EMULATION: an emulation instruction.</summary>
    Emulation = 4,

    /// <summary>EXC_SOFTWARE: raised by software (here: any other exception a program throws, or an explicit raise).</summary>
    Software = 5,

    /// <summary>EXC_BREAKPOINT: a trace or breakpoint trap.</summary>
    Breakpoint = 6,
}
