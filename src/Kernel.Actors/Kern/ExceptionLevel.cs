namespace MachActors.Kernel.Kern;

/// <summary>Which exception port an exception was offered to (spec 6: the thread's first, then the task's).</summary>
public enum ExceptionLevel
{
    /// <summary>The thread's exception port.</summary>
    Thread,

    /// <summary>The task's exception port.</summary>
    Task,
}
