using MachActors.Kernel.User;

namespace MachActors.Kernel.Kern;

// Messages between tasks and the host object.

/// <summary>Task -> host: a thread was created (for the machine-wide registry).</summary>
/// <param name="Thread">The thread.</param>
/// <param name="Task">Its task.</param>
internal sealed record ThreadRegistered(ThreadHandle Thread, TaskHandle Task);

/// <summary>Task -> host: make a child task (task_create); the child answers <paramref name="Reply"/> with TaskCreated.</summary>
/// <param name="Name">The child's name.</param>
/// <param name="Priority">Inherited priority.</param>
/// <param name="Set">Inherited processor set.</param>
/// <param name="Reply">Where TaskCreated goes.</param>
internal sealed record CreateChildTask(string Name, int Priority, ProcessorSetHandle Set, CallerReply Reply);

/// <summary>What a new task does first: answer its creator, and for a started task run its main thread.</summary>
/// <param name="Reply">Where TaskStarted (with a main thread) or TaskCreated (without) goes.</param>
/// <param name="MainThread">The main thread's program, or null for task_create.</param>
/// <param name="ThreadName">The main thread's name.</param>
internal sealed record TaskStartSpec(CallerReply Reply, ThreadBody? MainThread, string ThreadName);
