namespace MachActors.Kernel.Kern;

// C-threads mutexes and condition variables, kept by the task that allocated them. The blocking
// calls (lock, wait) answer when the caller gets the mutex.

/// <summary>mutex_alloc. Reply: <see cref="MutexAllocated"/>.</summary>
public sealed record MutexAllocate : KernelRequest;

/// <summary>The answer to <see cref="MutexAllocate"/>.</summary>
/// <param name="Result">Success or InvalidArgument.</param>
/// <param name="Mutex">The mutex.</param>
public sealed record MutexAllocated(KernReturn Result, MutexHandle? Mutex);

/// <summary>mutex_lock: wait until the caller holds the mutex. Reply: KernReturn (Failure if the caller already holds it; Aborted when interrupted).</summary>
/// <param name="Mutex">The mutex.</param>
public sealed record MutexLock(MutexHandle Mutex) : KernelRequest;

/// <summary>mutex_try_lock: take the mutex if free. Reply: KernReturn (Success, or Failure when held).</summary>
/// <param name="Mutex">The mutex.</param>
public sealed record MutexTryLock(MutexHandle Mutex) : KernelRequest;

/// <summary>mutex_unlock: release it; the longest waiter gets it. Reply: KernReturn (Failure when the caller does not hold it).</summary>
/// <param name="Mutex">The mutex.</param>
public sealed record MutexUnlock(MutexHandle Mutex) : KernelRequest;

/// <summary>condition_alloc. Reply: <see cref="ConditionAllocated"/>.</summary>
public sealed record ConditionAllocate : KernelRequest;

/// <summary>The answer to <see cref="ConditionAllocate"/>.</summary>
/// <param name="Result">Success or InvalidArgument.</param>
/// <param name="Condition">The condition.</param>
public sealed record ConditionAllocated(KernReturn Result, ConditionHandle? Condition);

/// <summary>
/// condition_wait: release <paramref name="Mutex"/> (which the caller must hold) and wait for a
/// signal, then re-acquire it before answering (Mesa semantics: re-check the predicate). Reply: KernReturn.
/// </summary>
/// <param name="Condition">The condition.</param>
/// <param name="Mutex">The mutex protecting the predicate.</param>
public sealed record ConditionWait(ConditionHandle Condition, MutexHandle Mutex) : KernelRequest;

/// <summary>condition_signal: wake the longest waiter, if any. Reply: KernReturn.</summary>
/// <param name="Condition">The condition.</param>
public sealed record ConditionSignal(ConditionHandle Condition) : KernelRequest;

/// <summary>condition_broadcast: wake every waiter. Reply: KernReturn.</summary>
/// <param name="Condition">The condition.</param>
public sealed record ConditionBroadcast(ConditionHandle Condition) : KernelRequest;
