namespace MachActors.Kernel.Kern;

/// <summary>The C-threads mutex and condition calls, served from the task's <see cref="Synchronizers"/>.</summary>
public sealed partial class MachTask
{
    /// <summary>
    /// MutexAllocate / ConditionAllocate: a new one. MutexLock, MutexTryLock, MutexUnlock,
    /// ConditionWait, ConditionSignal, ConditionBroadcast: on this task's objects (InvalidArgument for
    /// another task's); the blocking ones need a calling thread (host code gets InvalidArgument).
    /// </summary>
    private void OnSyncCall(object request, CallerReply reply)
    {
        var caller = reply.CallerThread ?? 0;
        IReadOnlyList<Synchronizers.Effect> effects = request switch
        {
            MutexAllocate => Allocated(reply, new MutexAllocated(KernReturn.Success, new MutexHandle(_sync.AllocateMutex()) { Task = Self })),
            ConditionAllocate => Allocated(reply, new ConditionAllocated(KernReturn.Success, new ConditionHandle(_sync.AllocateCondition()) { Task = Self })),
            MutexLock l when Mine(l.Mutex.Task) && reply.FromThread => _sync.Lock(l.Mutex.Id, Waiter(reply, "mutex " + l.Mutex.Id)),
            MutexTryLock l when Mine(l.Mutex.Task) && reply.FromThread => _sync.TryLock(l.Mutex.Id, caller),
            MutexUnlock u when Mine(u.Mutex.Task) && reply.FromThread => _sync.Unlock(u.Mutex.Id, caller),
            ConditionWait w when Mine(w.Condition.Task) && Mine(w.Mutex.Task) && reply.FromThread =>
                _sync.Wait(w.Condition.Id, w.Mutex.Id, Waiter(reply, "condition " + w.Condition.Id)),
            ConditionSignal s when Mine(s.Condition.Task) => _sync.Signal(s.Condition.Id, all: false),
            ConditionBroadcast b when Mine(b.Condition.Task) => _sync.Signal(b.Condition.Id, all: true),
            _ => [new Synchronizers.Effect.Answer(KernReturn.InvalidArgument)],
        };
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case Synchronizers.Effect.Answer a:
                    reply.Send(a.Result, Self);
                    break;
                case Synchronizers.Effect.Park p:
                    reply.Block(p.Waiter.Channel, Self);
                    break;
                case Synchronizers.Effect.Wake w:
                    w.Waiter.Reply.Wake(w.Waiter.Channel, w.Result, Self);
                    break;
            }
        }
    }

    private bool Mine(Actors.IActorRef owner) => owner.Equals(Self);

    private Synchronizers.Waiter Waiter(CallerReply reply, string what) =>
        new(reply.CallerThread!.Value, reply, new WaitChannel(Self, what));

    private IReadOnlyList<Synchronizers.Effect> Allocated(CallerReply reply, object answer)
    {
        reply.Send(answer, Self);
        return [];
    }
}
