namespace MachActors.Hardware.Execution;

/// <summary>What happened when a thread's program was resumed.</summary>
public enum ExecutionStepKind
{
    /// <summary>The program awaited a trap (see <see cref="ExecutionStep.Trap"/>).</summary>
    Trapped,

    /// <summary>The program's method returned (see <see cref="ExecutionStep.ExitValue"/>).</summary>
    Exited,

    /// <summary>The program threw, or broke the rules (see <see cref="ExecutionStep.Fault"/>).</summary>
    Faulted,
}

/// <summary>The outcome of one <see cref="ThreadExecution.Resume"/>.</summary>
/// <param name="Kind">Trapped, exited or faulted.</param>
/// <param name="Trap">The trap awaited (Trapped).</param>
/// <param name="ExitValue">The program's result (Exited).</param>
/// <param name="Fault">What went wrong (Faulted).</param>
public readonly record struct ExecutionStep(ExecutionStepKind Kind, TrapRequest? Trap, object? ExitValue, Exception? Fault);
