using MachActors.Hardware.Execution;

namespace MachActors.Tests.Unit.Hardware.Execution;

public sealed class ThreadExecutionTests
{
    [Fact]
    public void Resume_NotStarted_RunsToTheFirstTrap()
    {
        var log = new List<string>();
        var e = ExecutionKit.Of(async x =>
        {
            log.Add("start");
            await x.Compute(10);
            log.Add("after");
        });

        Assert.False(e.IsStarted);
        var trap = e.ResumeToTrap<ComputeTrap>();

        Assert.Equal(10, trap.Cycles);
        Assert.Equal(["start"], log);
        Assert.True(e.IsStarted);
        Assert.Same(trap, e.PendingTrap);
    }

    [Fact]
    public void Resume_AfterSetResult_TheTrapReturnsThatValue()
    {
        object? seen = null;
        var e = ExecutionKit.Of(async x =>
        {
            seen = await x.Call<string>(null!, "req");
            await x.Compute(1);
        });
        e.ResumeToTrap<KernelCallTrap>();

        e.SetResult("reply");
        e.ResumeToTrap<ComputeTrap>();

        Assert.Equal("reply", seen);
    }

    [Fact]
    public void Resume_NoResultSet_TheTrapReturnsDefault()
    {
        var seen = -1;
        var e = ExecutionKit.Of(async x => seen = await x.Call<int>(null!, "req"));
        e.ResumeToTrap<KernelCallTrap>();

        Assert.Equal(ExecutionStepKind.Exited, e.Resume().Kind);
        Assert.Equal(0, seen);
    }

    [Fact]
    public void Resume_ProgramReturnsAValue_ExitedWithThatValue()
    {
        var e = ExecutionKit.Returning(async x =>
        {
            await x.Compute(5);
            return 42;
        });
        e.ResumeToTrap<ComputeTrap>();

        var step = e.Resume();

        Assert.Equal(ExecutionStepKind.Exited, step.Kind);
        Assert.Equal(42, step.ExitValue);
        Assert.True(e.IsDead);
        Assert.Null(e.PendingTrap);
    }

    [Fact]
    public void Resume_ProgramWithoutTrapsReturns_ExitedOnTheFirstResume()
    {
        var e = ExecutionKit.Returning(_ => Task.FromResult<object?>("now"));

        var step = e.Resume();

        Assert.Equal(ExecutionStepKind.Exited, step.Kind);
        Assert.Equal("now", step.ExitValue);
    }

    [Fact]
    public void Resume_PlainTaskProgram_ExitsWithNull()
    {
        var e = ExecutionKit.Of(async x => await x.Compute(1));
        e.ResumeToTrap<ComputeTrap>();

        var step = e.Resume();

        Assert.Equal(ExecutionStepKind.Exited, step.Kind);
        Assert.Null(step.ExitValue);
    }

    [Fact]
    public void Resume_ProgramThrowsAfterATrap_FaultedWithTheException()
    {
        var e = ExecutionKit.Of(async x =>
        {
            await x.Compute(1);
            throw new InvalidOperationException("boom");
        });
        e.ResumeToTrap<ComputeTrap>();

        var step = e.Resume();

        Assert.Equal(ExecutionStepKind.Faulted, step.Kind);
        Assert.Equal("boom", Assert.IsType<InvalidOperationException>(step.Fault).Message);
        Assert.True(e.IsDead);
    }

    [Fact]
    public void Resume_EntryThrowsSynchronously_Faulted()
    {
        var e = new ThreadExecution(1, "t", () => throw new ArgumentException("bad entry"));

        var step = e.Resume();

        Assert.Equal(ExecutionStepKind.Faulted, step.Kind);
        Assert.IsType<ArgumentException>(step.Fault);
        Assert.True(e.IsDead);
    }

    [Fact]
    public void Resume_ProgramAwaitsTaskDelay_FaultedWithoutWaitingForIt()
    {
        var e = ExecutionKit.Of(async x =>
        {
            await Task.Delay(TimeSpan.FromDays(1));
            await x.Compute(1);
        });

        var step = e.Resume();

        Assert.Equal(ExecutionStepKind.Faulted, step.Kind);
        Assert.Contains("not a machine trap", Assert.IsType<ProgramFaultException>(step.Fault).Message);
        Assert.True(e.IsDead);
    }

    [Fact]
    public void Resume_ProgramAwaitsAForeignTask_FaultedAndNothingOfItRunsWhenThatTaskCompletes()
    {
        var foreign = new TaskCompletionSource();
        var after = false;
        var e = ExecutionKit.Of(async x =>
        {
            await x.Compute(1);
            await foreign.Task;
            after = true;
            await x.Compute(2);
        });
        e.ResumeToTrap<ComputeTrap>();

        var step = e.Resume();
        CompleteInline(foreign);

        Assert.Equal(ExecutionStepKind.Faulted, step.Kind);
        Assert.IsType<ProgramFaultException>(step.Fault);
        Assert.False(after, "the program's code after the foreign await ran when the foreign task completed");
        Assert.Null(e.PendingTrap);
    }

    [Fact]
    public void Resume_AwaitsTwoTrapsAtOnce_Faulted()
    {
        var e = ExecutionKit.Of(async x =>
        {
            var first = x.Compute(1);
            var second = x.Compute(2);
            await Task.WhenAll(Wrap(first), Wrap(second));
        });

        var step = e.Resume();

        Assert.Equal(ExecutionStepKind.Faulted, step.Kind);
        Assert.Contains("two traps at once", step.Fault!.Message);

        static async Task Wrap(TrapAwaitable<object?> trap) => await trap;
    }

    [Fact]
    public void Resume_NestedAsyncHelpers_RunInlineTrapByTrap()
    {
        var log = new List<string>();
        var e = ExecutionKit.Returning(async x =>
        {
            var a = await Helper(x, "a", log);
            var b = await Helper(x, "b", log);
            return a + b;
        });

        for (var i = 0; i < 4; i++)
        {
            e.ResumeToTrap<ComputeTrap>();
            e.SetResult(null);
        }
        var step = e.Resume();

        Assert.Equal(ExecutionStepKind.Exited, step.Kind);
        Assert.Equal(6, step.ExitValue);
        Assert.Equal(["a1", "a2", "b1", "b2"], log);

        static async Task<int> Helper(ThreadExecution x, string tag, List<string> log)
        {
            await Inner(x, tag + "1", log);
            await Inner(x, tag + "2", log);
            return 3;
        }

        static async Task Inner(ThreadExecution x, string tag, List<string> log)
        {
            await x.Compute(1);
            log.Add(tag);
        }
    }

    [Fact]
    public void Resume_UnderAnInstalledSynchronizationContext_RunsInlineAndRestoresTheContext()
    {
        var context = new RecordingContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            var threadIds = new HashSet<int>();
            var e = ExecutionKit.Returning(async x =>
            {
                threadIds.Add(Environment.CurrentManagedThreadId);
                await Nested(x);
                threadIds.Add(Environment.CurrentManagedThreadId);
                await Nested(x);
                threadIds.Add(Environment.CurrentManagedThreadId);
                return "ok";
            });

            var steps = 0;
            ExecutionStep step;
            while ((step = e.Resume()).Kind == ExecutionStepKind.Trapped)
            {
                Assert.Same(context, SynchronizationContext.Current);
                steps++;
            }

            Assert.Equal(ExecutionStepKind.Exited, step.Kind);
            Assert.Equal("ok", step.ExitValue);
            Assert.Equal(2, steps);
            Assert.Equal(0, context.Posts);
            Assert.Equal([Environment.CurrentManagedThreadId], threadIds);
            Assert.Same(context, SynchronizationContext.Current);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        static async Task Nested(ThreadExecution x) => await x.Compute(1);
    }

    [Fact]
    public void Kill_StoppedAtATrap_DropsTheContinuation()
    {
        var after = false;
        var e = ExecutionKit.Of(async x =>
        {
            await x.Compute(1);
            after = true;
        });
        e.ResumeToTrap<ComputeTrap>();

        e.Kill();

        Assert.True(e.IsDead);
        Assert.Null(e.PendingTrap);
        Assert.Throws<InvalidOperationException>(() => e.Resume());
        Assert.False(after);
    }

    [Fact]
    public void Trap_NullRequest_Throws()
    {
        var e = ExecutionKit.Of(_ => Task.CompletedTask);

        Assert.Throws<ArgumentNullException>(() => e.Trap<object>(null!));
    }

    /// <summary>
    /// Completes <paramref name="source"/> with no synchronization context, so that a continuation
    /// allowed to run would run inline here, now, rather than later on the thread pool.
    /// </summary>
    private static void CompleteInline(TaskCompletionSource source)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            source.SetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private sealed class RecordingContext : SynchronizationContext
    {
        public int Posts { get; private set; }

        public override void Post(SendOrPostCallback d, object? state) => Posts++;

        public override void Send(SendOrPostCallback d, object? state) => Posts++;
    }
}
