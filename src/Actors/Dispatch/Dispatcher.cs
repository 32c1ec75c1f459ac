using MachActors.Actors.Timing;

namespace MachActors.Actors.Dispatch;

/// <summary>
/// Runs cells: delivers messages, advances the virtual clock, answers controlled choices. The two
/// implementations share one semantics (DESIGN.md): per-sender FIFO, causal enqueue order, and
/// the clock moving to the next timer only when nothing is left to deliver at the current instant.
/// </summary>
internal abstract class Dispatcher(ActorSystem system)
{
    protected ActorSystem System { get; } = system;

    /// <summary>Queues a user message for <paramref name="target"/> (a dead letter if it has terminated).</summary>
    internal abstract void Post(ActorCell target, object message, IActorRef sender);

    /// <summary>Queues a system message for <paramref name="target"/>.</summary>
    internal abstract void PostSystem(ActorCell target, SystemMessage message);

    /// <summary>A cell was just spawned: schedule its first turn (construction and PreStart).</summary>
    internal abstract void Activate(ActorCell cell);

    /// <summary>A cell created and started outside the dispatcher (the root and the guardians): make it schedulable later.</summary>
    internal abstract void Adopt(ActorCell cell);

    /// <summary>A cell has terminated: forget it.</summary>
    internal abstract void Detach(ActorCell cell);

    /// <summary>Context.ChooseBool.</summary>
    internal abstract bool ChooseBool(ActorCell chooser);

    /// <summary>Context.ChooseInt.</summary>
    internal abstract int ChooseInt(ActorCell chooser, int maxExclusive);

    /// <summary>
    /// Runs until <paramref name="until"/> holds, the clock would pass <paramref name="deadline"/>
    /// (it then reads the deadline), nothing more can happen (deadline = Never), or
    /// <paramref name="maxSteps"/> deliveries were made. Host code only.
    /// </summary>
    internal abstract RunResult Run(Func<bool>? until, VirtualTime deadline, long maxSteps);

    /// <summary>
    /// The discrete-event rule, shared by both dispatchers, for when nothing is left to deliver at the
    /// current instant: fire every timer of the next instant if it lies within
    /// <paramref name="deadline"/> and keep running (null); otherwise end the run, Quiescent when
    /// there is no deadline, else DeadlineReached with the clock moved to the deadline.
    /// </summary>
    protected RunOutcome? AdvanceAtQuiescence(VirtualTime deadline)
    {
        if (System.TimerQueue.TryPeekDue(out var next) && next <= deadline.Nanoseconds)
        {
            System.AdvanceClockTo(next);
            System.FireTimersDueAt(next);
            return null;
        }
        if (deadline == VirtualTime.Never) return RunOutcome.Quiescent;
        System.AdvanceClockTo(deadline.Nanoseconds);
        return RunOutcome.DeadlineReached;
    }

    /// <summary>Something a running condition depends on changed (an Ask reply, a probe message).</summary>
    internal abstract void Wake();

    /// <summary>Deliveries since the system started.</summary>
    internal abstract long TotalSteps { get; }

    /// <summary>Scheduling decision count so far (the Step of trace events).</summary>
    internal abstract long DecisionCount { get; }
}
