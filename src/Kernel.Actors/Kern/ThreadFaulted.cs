using MachActors.Actors.Timing;

namespace MachActors.Kernel.Kern;

/// <summary>Published on the event stream when a thread's program throws: the thread ended, the machine goes on.</summary>
/// <param name="Thread">The thread.</param>
/// <param name="Task">Its task.</param>
/// <param name="Error">What its program threw.</param>
/// <param name="At">When.</param>
public sealed record ThreadFaulted(ThreadHandle Thread, TaskHandle Task, Exception Error, VirtualTime At)
{
    /// <inheritdoc />
    public override string ToString() => $"thread {Thread} of task {Task} faulted at {At}: {Error.GetType().Name}: {Error.Message}";
}
