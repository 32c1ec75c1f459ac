using MachActors.Hardware.Execution;

namespace MachActors.Tests.Unit.Hardware.Execution;

/// <summary>The exception hook: a failing program stops at the trap the hook gives, and ends quietly when that trap returns.</summary>
public sealed class ThreadExecutionExceptionTests
{
    private sealed record RaiseTrap(Exception Error) : TrapRequest;

    [Fact]
    public void Resume_ProgramThrowsWithAHook_StopsAtTheHooksTrapThenEndsQuietly()
    {
        ThreadExecution e = null!;
        e = new ThreadExecution(1, "t", async () =>
        {
            await e.Trap<object?>(new ComputeTrap(1));
            throw new DivideByZeroException();
        })
        { ExceptionTrap = error => new RaiseTrap(error) };
        e.Resume();

        var raised = e.Resume();

        Assert.Equal(ExecutionStepKind.Trapped, raised.Kind);
        Assert.IsType<DivideByZeroException>(Assert.IsType<RaiseTrap>(raised.Trap).Error);
        Assert.True(e.InException);
        Assert.False(e.IsDead);
        e.SetResult("ignored");
        var end = e.Resume();
        Assert.Equal(new ExecutionStep(ExecutionStepKind.Exited, null, null, null), end);
        Assert.True(e.IsDead);
    }

    [Fact]
    public void Resume_ProgramAwaitsTaskDelayWithAHook_StopsAtTheHooksTrapWithAProgramFault()
    {
        ThreadExecution e = null!;
        e = new ThreadExecution(1, "t", async () => await Task.Delay(TimeSpan.FromDays(1))) { ExceptionTrap = error => new RaiseTrap(error) };

        var step = e.Resume();

        Assert.IsType<ProgramFaultException>(Assert.IsType<RaiseTrap>(step.Trap).Error);
    }

    [Fact]
    public void Fail_WhileStoppedAtTheExceptionTrap_EndsWithTheFault()
    {
        var e = new ThreadExecution(1, "t", () => throw new InvalidOperationException("first")) { ExceptionTrap = error => new RaiseTrap(error) };
        e.Resume();

        var step = e.Fail(new ProgramFaultException("unknown trap"));

        Assert.Equal(ExecutionStepKind.Faulted, step.Kind);
        Assert.Equal("unknown trap", step.Fault!.Message);
        Assert.True(e.IsDead);
    }

    [Fact]
    public void Fail_HookDeclines_EndsWithTheFault()
    {
        var e = new ThreadExecution(1, "t", () => throw new InvalidOperationException("no")) { ExceptionTrap = _ => null };

        var step = e.Resume();

        Assert.Equal(ExecutionStepKind.Faulted, step.Kind);
        Assert.True(e.IsDead);
    }
}
