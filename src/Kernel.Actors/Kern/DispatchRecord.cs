using MachActors.Actors.Timing;

namespace MachActors.Kernel.Kern;

/// <summary>
/// One dispatch decision, for observers (property tests, traces): which thread a CPU got, and the
/// state around the choice, read after the chosen thread left its queue.
/// </summary>
/// <param name="At">When.</param>
/// <param name="Set">The processor set.</param>
/// <param name="Cpu">The CPU.</param>
/// <param name="ThreadId">The chosen thread.</param>
/// <param name="SchedPriority">Its priority.</param>
/// <param name="FromLocalQueue">Taken from the CPU's local queue (a bound thread).</param>
/// <param name="BestLocalQueued">Best priority left in that CPU's local queue, or null when empty.</param>
/// <param name="BestGlobalQueued">Best priority left in the set's global queue, or null when empty.</param>
/// <param name="SuspendCount">The chosen thread's own suspend count.</param>
/// <param name="TaskSuspended">Whether its task's suspend count is positive.</param>
/// <param name="Waiting">Whether it is blocked.</param>
/// <param name="Handoff">Chosen by a handoff (thread_switch) rather than by priority.</param>
public sealed record DispatchRecord(
    VirtualTime At, int Set, int Cpu, long ThreadId, int SchedPriority, bool FromLocalQueue,
    int? BestLocalQueued, int? BestGlobalQueued, int SuspendCount, bool TaskSuspended, bool Waiting, bool Handoff);
