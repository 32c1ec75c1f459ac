using MachActors.Hardware.Execution;

namespace MachActors.Tests.Unit.Hardware;

/// <summary>
/// Builds <see cref="ThreadExecution"/>s from test programs that see their own execution, and the
/// trap calls those programs await (the machine's MachEnv does the same for real programs).
/// </summary>
internal static class ExecutionKit
{
    /// <summary>An execution of <paramref name="program"/>, which gets the execution to trap on.</summary>
    public static ThreadExecution Of(Func<ThreadExecution, Task> program, long id = 1, string name = "t")
    {
        ThreadExecution execution = null!;
        execution = new ThreadExecution(id, name, () => program(execution));
        return execution;
    }

    /// <summary>An execution whose program returns a value (its exit value).</summary>
    public static ThreadExecution Returning(Func<ThreadExecution, Task<object?>> program, long id = 1, string name = "t") =>
        Of(program, id, name);

    /// <summary>A compute trap of <paramref name="cycles"/>.</summary>
    public static TrapAwaitable<object?> Compute(this ThreadExecution e, long cycles) => e.Trap<object?>(new ComputeTrap(cycles));

    /// <summary>A yield trap (optionally a handoff).</summary>
    public static TrapAwaitable<object?> Yield(this ThreadExecution e, long? handoff = null) => e.Trap<object?>(new YieldTrap(handoff));

    /// <summary>An exit trap.</summary>
    public static TrapAwaitable<object?> Exit(this ThreadExecution e, object? result) => e.Trap<object?>(new ExitTrap(result));

    /// <summary>A kernel call trap to <paramref name="server"/>.</summary>
    public static TrapAwaitable<T> Call<T>(this ThreadExecution e, IActorRef server, object request) =>
        e.Trap<T>(new KernelCallTrap(server, request));

    /// <summary>Resumes and expects a trap of type <typeparamref name="T"/>.</summary>
    public static T ResumeToTrap<T>(this ThreadExecution e) where T : TrapRequest
    {
        var step = e.Resume();
        Assert.Equal(ExecutionStepKind.Trapped, step.Kind);
        return Assert.IsType<T>(step.Trap);
    }
}
