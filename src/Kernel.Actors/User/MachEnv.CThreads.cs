using MachActors.Hardware.Execution;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.User;

/// <summary>The C threads package (the seeds' table: fork, exit, join, detach, yield, self) with mutexes and conditions.</summary>
public sealed partial class MachEnv
{
    /// <summary>cthread_fork: a new thread of this task running <paramref name="body"/> now. Throws if the task is gone.</summary>
    public async Task<ThreadHandle> CThreadFork(ThreadBody body, string name = "cthread")
    {
        var created = await Call<ThreadCreated>(Task.Ref, new ThreadCreate(body, name, Suspended: false));
        return created.Thread ?? throw new InvalidOperationException($"cthread_fork in task {Task} failed: {created.Result}");
    }

    /// <summary>cthread_join: waits until <paramref name="thread"/> ends and returns its result (see <see cref="JoinResult"/> for failures).</summary>
    public TrapAwaitable<JoinResult> CThreadJoin(ThreadHandle thread) => Call<JoinResult>(thread.Ref, new ThreadJoin());

    /// <summary>cthread_detach: nobody will join <paramref name="thread"/>.</summary>
    public TrapAwaitable<KernReturn> CThreadDetach(ThreadHandle thread) => Call<KernReturn>(thread.Ref, new ThreadDetach());

    /// <summary>cthread_exit: ends the calling thread with <paramref name="result"/>. Never returns.</summary>
    public TrapAwaitable<KernReturn> CThreadExit(object? result = null) => Exit(result);

    /// <summary>cthread_yield.</summary>
    public TrapAwaitable<KernReturn> CThreadYield() => Yield();

    /// <summary>cthread_self.</summary>
    public ThreadHandle CThreadSelf() => Self;

    /// <summary>mutex_alloc: a mutex of this task.</summary>
    public async Task<MutexHandle> MutexAlloc()
    {
        var allocated = await Call<MutexAllocated>(Task.Ref, new MutexAllocate());
        return allocated.Mutex ?? throw new InvalidOperationException($"mutex_alloc in task {Task} failed: {allocated.Result}");
    }

    /// <summary>mutex_lock: waits until the calling thread holds <paramref name="mutex"/>.</summary>
    public TrapAwaitable<KernReturn> MutexLock(MutexHandle mutex) => Call<KernReturn>(mutex.Task, new MutexLock(mutex));

    /// <summary>mutex_try_lock: Success if it took the mutex, Failure if held.</summary>
    public TrapAwaitable<KernReturn> MutexTryLock(MutexHandle mutex) => Call<KernReturn>(mutex.Task, new MutexTryLock(mutex));

    /// <summary>mutex_unlock.</summary>
    public TrapAwaitable<KernReturn> MutexUnlock(MutexHandle mutex) => Call<KernReturn>(mutex.Task, new MutexUnlock(mutex));

    /// <summary>condition_alloc: a condition variable of this task.</summary>
    public async Task<ConditionHandle> ConditionAlloc()
    {
        var allocated = await Call<ConditionAllocated>(Task.Ref, new ConditionAllocate());
        return allocated.Condition ?? throw new InvalidOperationException($"condition_alloc in task {Task} failed: {allocated.Result}");
    }

    /// <summary>condition_wait: releases <paramref name="mutex"/>, waits for a signal, re-acquires it. Re-check the predicate (Mesa).</summary>
    public TrapAwaitable<KernReturn> ConditionWait(ConditionHandle condition, MutexHandle mutex) =>
        Call<KernReturn>(condition.Task, new ConditionWait(condition, mutex));

    /// <summary>condition_signal.</summary>
    public TrapAwaitable<KernReturn> ConditionSignal(ConditionHandle condition) => Call<KernReturn>(condition.Task, new ConditionSignal(condition));

    /// <summary>condition_broadcast.</summary>
    public TrapAwaitable<KernReturn> ConditionBroadcast(ConditionHandle condition) => Call<KernReturn>(condition.Task, new ConditionBroadcast(condition));
}
