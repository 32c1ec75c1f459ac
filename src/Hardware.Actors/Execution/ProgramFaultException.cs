namespace MachActors.Hardware.Execution;

/// <summary>A program broke the machine's rules (for example it awaited something that is not a trap).</summary>
public sealed class ProgramFaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProgramFaultException(string message) : base(message) { }
}
