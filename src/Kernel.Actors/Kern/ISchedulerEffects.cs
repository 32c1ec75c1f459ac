using MachActors.Actors;
using MachActors.Hardware.Cpu;
using MachActors.Hardware.Execution;

namespace MachActors.Kernel.Kern;

/// <summary>
/// What the scheduler's decisions do outside it. The processor-set actor implements it with
/// messages; tests can record the calls instead.
/// </summary>
internal interface ISchedulerEffects
{
    /// <summary>Tell <paramref name="cpu"/> to run <paramref name="thread"/>.</summary>
    void Run(int cpu, ThreadExecution thread);

    /// <summary>Ask <paramref name="cpu"/> to take <paramref name="threadId"/> off at its next safe point.</summary>
    void Preempt(int cpu, long threadId, SurrenderReason reason);

    /// <summary>The thread ended: tell its thread object (which tells its task and joiners).</summary>
    void Ended(SchedThread thread, SurrenderReason reason);

    /// <summary>Tell the owner of a wait to forget the thread (and, for thread_abort, to wake it with its aborted reply).</summary>
    void CancelWait(long threadId, WaitChannel channel, bool wakeAborted);

    /// <summary>Hand the thread's record to another processor set.</summary>
    void Migrate(SchedThread thread, IActorRef destination);

    /// <summary><paramref name="cpu"/> has left this set: attach it to <paramref name="destination"/>.</summary>
    void CpuLeft(int cpu, IActorRef destination);

    /// <summary>Send <paramref name="message"/> to <paramref name="to"/> (suspension acknowledgements).</summary>
    void Send(IActorRef to, object message);

    /// <summary>A dispatch decision was made.</summary>
    void Dispatched(DispatchRecord dispatch);

    /// <summary>Whether <see cref="Dispatched"/> has a listener; when false the scheduler builds no record.</summary>
    bool ObservesDispatches => true;
}
