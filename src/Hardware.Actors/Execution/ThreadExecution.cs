namespace MachActors.Hardware.Execution;

/// <summary>
/// The machine-level state of one simulated thread: its program (an async method), the trap it is
/// stopped at with the continuation that goes on from there, the value that trap will return, and
/// the compute cycles still owed after a preemption. Owned by exactly one actor at a time (a CPU
/// while running, the scheduler otherwise); it moves between them in messages.
/// </summary>
/// <remarks>
/// A program may await only traps (<see cref="TrapAwaitable{T}"/>) and its own async methods that
/// await traps. <see cref="Resume"/> runs it synchronously until its next trap, under a
/// synchronization context of its own: awaits between the program's own async methods complete
/// inline (the context is current when they complete), and anything posted to the context (the
/// continuation of a foreign task completing elsewhere, a Task.Yield) is dropped, so nothing of it
/// ever runs on the thread pool. A program that awaits anything else is stopped with a fault, and so
/// is one that throws.
/// <para>
/// With <see cref="ExceptionTrap"/> set (the kernel sets it: exception delivery), a fault does not end
/// the thread: the program's frame is gone, but the thread stops at the trap the hook returns, as if
/// the program had awaited it. When that trap returns, the thread ends as if its program had returned
/// null (<see cref="ExecutionStepKind.Exited"/>).
/// </para>
/// </remarks>
public sealed class ThreadExecution
{
    private readonly Func<Task> _entry;
    private readonly ProgramContext _context = new();
    private Task? _task;
    private Action? _continuation;
    private object? _result;
    private ProgramFaultException? _misuse;
    private bool _raised;
    private volatile bool _dead;

    /// <summary>An execution of <paramref name="entry"/>, not started.</summary>
    /// <param name="threadId">The kernel's id of the thread.</param>
    /// <param name="name">A readable name for reports.</param>
    /// <param name="entry">
    /// Starts the program and returns its task. A <c>Task&lt;object?&gt;</c> supplies the thread's
    /// result; its value on completion is the exit value.
    /// </param>
    public ThreadExecution(long threadId, string name, Func<Task> entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ThreadId = threadId;
        Name = name;
        _entry = entry;
    }

    /// <summary>The kernel's id of the thread.</summary>
    public long ThreadId { get; }

    /// <summary>A readable name.</summary>
    public string Name { get; }

    /// <summary>The trap the program is stopped at, or null before the first run and after the end.</summary>
    public TrapRequest? PendingTrap { get; private set; }

    /// <summary>Cycles the thread still has to compute before its program goes on (after a preemption, or trap overhead).</summary>
    public long RemainingCycles { get; set; }

    /// <summary>True once the program has been started.</summary>
    public bool IsStarted => _task is not null;

    /// <summary>True once the thread ended (exit, fault or termination): it never runs again.</summary>
    public bool IsDead => _dead;

    /// <summary>
    /// What a fault turns into, or null (the default: a fault ends the thread). Given what the program
    /// threw (or a <see cref="ProgramFaultException"/> for a broken rule), it returns the trap the thread
    /// stops at instead (a kernel call that raises the exception), or null to end the thread with the fault.
    /// </summary>
    public Func<Exception, TrapRequest?>? ExceptionTrap { get; init; }

    /// <summary>True while the thread is stopped at the trap of a fault (<see cref="ExceptionTrap"/>): its program's frame is gone.</summary>
    public bool InException => _raised;

    /// <summary>An awaitable for <paramref name="trap"/> that returns a <typeparamref name="T"/> (the API that programs call builds these).</summary>
    public TrapAwaitable<T> Trap<T>(TrapRequest trap)
    {
        ArgumentNullException.ThrowIfNull(trap);
        return new TrapAwaitable<T>(this, trap);
    }

    /// <summary>Sets the value the pending trap returns when the program is resumed.</summary>
    public void SetResult(object? value) => _result = value;

    /// <summary>
    /// Runs the program from where it stopped until it awaits its next trap, returns, or throws.
    /// Preconditions: not dead; started programs must be stopped at a trap.
    /// </summary>
    public ExecutionStep Resume()
    {
        if (_dead) throw new InvalidOperationException($"thread {Name} has ended and cannot run");
        if (_raised)
        {
            // Back from the exception trap: there is no frame to go back to, the thread ends quietly.
            _raised = false;
            return End(new ExecutionStep(ExecutionStepKind.Exited, null, null, null));
        }
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_context);
        try
        {
            if (_task is null)
            {
                _task = _entry();
            }
            else
            {
                var continuation = _continuation ?? throw new InvalidOperationException($"thread {Name} is not stopped at a trap");
                _continuation = null;
                PendingTrap = null;
                continuation();
            }
        }
        catch (Exception e)
        {
            return Fail(e);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        if (_misuse is { } misuse) return Fail(misuse);
        if (_task.IsCompleted) return Completed(_task);
        if (PendingTrap is { } trap) return new ExecutionStep(ExecutionStepKind.Trapped, trap, null, null);
        return Fail(new ProgramFaultException(
            $"thread {Name} awaited something that is not a machine trap (a Task.Delay, real I/O, another thread's task?); " +
            "programs may await only the machine's trap API"));
    }

    /// <summary>
    /// The program failed with <paramref name="error"/> (it threw, broke a rule, or took a trap the CPU
    /// does not know): with an <see cref="ExceptionTrap"/> that gives a trap, the thread stops at that
    /// trap (Trapped) and its program is abandoned; otherwise, or when it fails again while stopped
    /// there, it ends (Faulted). Precondition: not dead.
    /// </summary>
    public ExecutionStep Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!_raised && ExceptionTrap?.Invoke(error) is { } trap)
        {
            _raised = true;
            _misuse = null;
            _continuation = null;
            _result = null;
            PendingTrap = trap;
            return new ExecutionStep(ExecutionStepKind.Trapped, trap, null, null);
        }
        return End(new ExecutionStep(ExecutionStepKind.Faulted, null, null, error));
    }

    /// <summary>Ends the thread where it stands (thread_terminate): the continuation is dropped.</summary>
    public void Kill()
    {
        _dead = true;
        _raised = false;
        _continuation = null;
        PendingTrap = null;
        _result = null;
    }

    internal void Suspend(TrapRequest trap, Action continuation)
    {
        if (_dead) return; // an abandoned program resumed by something else: it goes nowhere
        if (PendingTrap is not null)
        {
            // Not a throw: an exception out of OnCompleted escapes the program's async builder onto the thread pool.
            _misuse ??= new ProgramFaultException($"thread {Name} awaited two traps at once; await each trap before the next");
            return;
        }
        PendingTrap = trap;
        _continuation = continuation;
    }

    internal T TakeResult<T>()
    {
        var value = _result;
        _result = null;
        return value is null ? default! : (T)value;
    }

    private ExecutionStep Completed(Task task)
    {
        if (task.IsFaulted)
        {
            var e = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
            return Fail(e);
        }
        if (task.IsCanceled) return Fail(new OperationCanceledException($"thread {Name} was cancelled"));
        return End(new ExecutionStep(ExecutionStepKind.Exited, null, task is Task<object?> t ? t.Result : null, null));
    }

    private ExecutionStep End(ExecutionStep step)
    {
        Kill();
        return step;
    }

    /// <summary>
    /// The program's synchronization context while it runs. Continuations of tasks that complete
    /// inside <see cref="Resume"/> see it current and run inline; a continuation posted to it comes
    /// from something that is not a trap (the program faulted for awaiting it) and never runs.
    /// </summary>
    private sealed class ProgramContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
        }

        public override void Send(SendOrPostCallback d, object? state)
        {
        }

        public override SynchronizationContext CreateCopy() => this;
    }
}
