using MachActors.Hardware.Execution;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.User;

/// <summary>
/// The C threads package (the seeds' table: fork, exit, join, detach, yield, self) with mutexes and
/// conditions. Threads are named by send rights to their ports in this task's space; mutexes and
/// conditions are memory of this task: every call on them goes to this task, which answers
/// InvalidArgument for another task's.
/// </summary>
public sealed partial class MachEnv
{
    /// <summary>
    /// cthread_fork: a new thread of this task running <paramref name="body"/> now; the name of a send
    /// right to its port here (the name task_threads gives). Throws if the task is gone.
    /// </summary>
    public async Task<PortName> CThreadFork(ThreadBody body, string name = "cthread")
    {
        var created = await PortCall<ThreadCreated>(TaskSelf, new ThreadCreate(body, name, Suspended: false));
        return created.Result == KernReturn.Success ? created.Port : throw new InvalidOperationException($"cthread_fork in task {Task} failed: {created.Result}");
    }

    /// <summary>
    /// cthread_join by the thread's port name: waits until it ends and returns its result. InvalidArgument
    /// (in <see cref="JoinResult"/>) when it is detached, already joined, the caller itself, or not a
    /// thread's port; InvalidName when the name holds no send right.
    /// </summary>
    public TrapAwaitable<JoinResult> CThreadJoin(PortName thread) => PortCall<JoinResult>(thread, new ThreadJoin());

    /// <summary>cthread_detach by the thread's port name: nobody will join it.</summary>
    public TrapAwaitable<KernReturn> CThreadDetach(PortName thread) => PortCall<KernReturn>(thread, new ThreadDetach());

    /// <summary>cthread_exit: ends the calling thread with <paramref name="result"/>. Never returns.</summary>
    public TrapAwaitable<KernReturn> CThreadExit(object? result = null) => Exit(result);

    /// <summary>cthread_yield.</summary>
    public TrapAwaitable<KernReturn> CThreadYield() => Yield();

    /// <summary>cthread_self: the calling thread's port name (<see cref="ThreadSelf"/>).</summary>
    public PortName CThreadSelf() => ThreadSelf;

    /// <summary>mutex_alloc: a mutex of this task.</summary>
    public async Task<MutexHandle> MutexAlloc()
    {
        var allocated = await Call<MutexAllocated>(Task.Ref, new MutexAllocate());
        return allocated.Mutex ?? throw new InvalidOperationException($"mutex_alloc in task {Task} failed: {allocated.Result}");
    }

    /// <summary>mutex_lock: waits until the calling thread holds <paramref name="mutex"/> (a mutex of this task).</summary>
    public TrapAwaitable<KernReturn> MutexLock(MutexHandle mutex) => Call<KernReturn>(Task.Ref, new MutexLock(mutex));

    /// <summary>mutex_try_lock: Success if it took the mutex, Failure if held.</summary>
    public TrapAwaitable<KernReturn> MutexTryLock(MutexHandle mutex) => Call<KernReturn>(Task.Ref, new MutexTryLock(mutex));

    /// <summary>mutex_unlock.</summary>
    public TrapAwaitable<KernReturn> MutexUnlock(MutexHandle mutex) => Call<KernReturn>(Task.Ref, new MutexUnlock(mutex));

    /// <summary>condition_alloc: a condition variable of this task.</summary>
    public async Task<ConditionHandle> ConditionAlloc()
    {
        var allocated = await Call<ConditionAllocated>(Task.Ref, new ConditionAllocate());
        return allocated.Condition ?? throw new InvalidOperationException($"condition_alloc in task {Task} failed: {allocated.Result}");
    }

    /// <summary>condition_wait: releases <paramref name="mutex"/>, waits for a signal, re-acquires it. Re-check the predicate (Mesa).</summary>
    public TrapAwaitable<KernReturn> ConditionWait(ConditionHandle condition, MutexHandle mutex) =>
        Call<KernReturn>(Task.Ref, new ConditionWait(condition, mutex));

    /// <summary>condition_signal.</summary>
    public TrapAwaitable<KernReturn> ConditionSignal(ConditionHandle condition) => Call<KernReturn>(Task.Ref, new ConditionSignal(condition));

    /// <summary>condition_broadcast.</summary>
    public TrapAwaitable<KernReturn> ConditionBroadcast(ConditionHandle condition) => Call<KernReturn>(Task.Ref, new ConditionBroadcast(condition));
}
