using System.Runtime.CompilerServices;

namespace MachActors.Hardware.Execution;

/// <summary>
/// What programs await: a trap into the CPU. Awaiting it always suspends the program (the trap is
/// recorded with its continuation in the thread's <see cref="ThreadExecution"/>), and the CPU resumes
/// it when the trap is done; the await then returns the trap's result as <typeparamref name="T"/>.
/// </summary>
public readonly struct TrapAwaitable<T>
{
    private readonly ThreadExecution _execution;
    private readonly TrapRequest _trap;

    internal TrapAwaitable(ThreadExecution execution, TrapRequest trap)
    {
        _execution = execution;
        _trap = trap;
    }

    /// <summary>The awaiter (compiler use).</summary>
    public TrapAwaiter<T> GetAwaiter() => new(_execution, _trap);
}

/// <summary>The awaiter of <see cref="TrapAwaitable{T}"/> (compiler use).</summary>
public readonly struct TrapAwaiter<T> : ICriticalNotifyCompletion
{
    private readonly ThreadExecution _execution;
    private readonly TrapRequest _trap;

    internal TrapAwaiter(ThreadExecution execution, TrapRequest trap)
    {
        _execution = execution;
        _trap = trap;
    }

    /// <summary>Always false: a trap always goes to the CPU.</summary>
    public bool IsCompleted => false;

    /// <summary>Records the trap and the program's continuation.</summary>
    public void OnCompleted(Action continuation) => _execution.Suspend(_trap, continuation);

    /// <summary>Records the trap and the program's continuation.</summary>
    public void UnsafeOnCompleted(Action continuation) => _execution.Suspend(_trap, continuation);

    /// <summary>The trap's result.</summary>
    public T GetResult() => _execution.TakeResult<T>();
}
