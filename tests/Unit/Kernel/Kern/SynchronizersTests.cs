using MachActors.Kernel;
using MachActors.Kernel.Kern;
using Effect = MachActors.Kernel.Kern.Synchronizers.Effect;

namespace MachActors.Tests.Unit.Kernel.Kern;

public sealed class SynchronizersTests
{
    private readonly Synchronizers _sync = new();
    private readonly FakeRef _task = new("task");

    private Synchronizers.Waiter Waiter(long thread) =>
        new(thread, new CallerReply(new FakeRef("cpu"), thread, thread, null), new WaitChannel(_task, "t" + thread));

    private static Effect.Answer Answer(KernReturn r) => new(r);

    [Fact]
    public void Lock_FreeMutex_GrantedAtOnce()
    {
        var m = _sync.AllocateMutex();

        Assert.Equal([Answer(KernReturn.Success)], _sync.Lock(m, Waiter(1)));
        Assert.Equal(1, _sync.OwnerOf(m));
    }

    [Fact]
    public void Lock_HeldMutex_ParksTheCaller()
    {
        var m = _sync.AllocateMutex();
        _sync.Lock(m, Waiter(1));
        var w2 = Waiter(2);

        Assert.Equal([new Effect.Park(w2)], _sync.Lock(m, w2));
        Assert.Equal(1, _sync.OwnerOf(m));
    }

    [Fact]
    public void Lock_ByTheOwner_FailureNotDeadlock()
    {
        var m = _sync.AllocateMutex();
        _sync.Lock(m, Waiter(1));

        Assert.Equal([Answer(KernReturn.Failure)], _sync.Lock(m, Waiter(1)));
    }

    [Fact]
    public void Unlock_WithWaiters_HandsTheMutexOverInArrivalOrder()
    {
        var m = _sync.AllocateMutex();
        _sync.Lock(m, Waiter(1));
        var w2 = Waiter(2);
        var w3 = Waiter(3);
        _sync.Lock(m, w2);
        _sync.Lock(m, w3);

        Assert.Equal([new Effect.Wake(w2, KernReturn.Success), Answer(KernReturn.Success)], _sync.Unlock(m, 1));
        Assert.Equal(2, _sync.OwnerOf(m));
        Assert.Equal([new Effect.Wake(w3, KernReturn.Success), Answer(KernReturn.Success)], _sync.Unlock(m, 2));
        Assert.Equal([Answer(KernReturn.Success)], _sync.Unlock(m, 3));
        Assert.Null(_sync.OwnerOf(m));
    }

    [Fact]
    public void Unlock_ByANonOwner_Failure()
    {
        var m = _sync.AllocateMutex();
        _sync.Lock(m, Waiter(1));

        Assert.Equal([Answer(KernReturn.Failure)], _sync.Unlock(m, 2));
        Assert.Equal(1, _sync.OwnerOf(m));
    }

    [Fact]
    public void Unlock_FreeMutex_Failure()
    {
        var m = _sync.AllocateMutex();

        Assert.Equal([Answer(KernReturn.Failure)], _sync.Unlock(m, 1));
    }

    [Fact]
    public void TryLock_FreeThenHeld_SuccessThenFailure()
    {
        var m = _sync.AllocateMutex();

        Assert.Equal([Answer(KernReturn.Success)], _sync.TryLock(m, 1));
        Assert.Equal([Answer(KernReturn.Failure)], _sync.TryLock(m, 2));
        Assert.Equal([Answer(KernReturn.Failure)], _sync.TryLock(m, 1));
        Assert.Equal(1, _sync.OwnerOf(m));
    }

    [Fact]
    public void Calls_UnknownMutexOrCondition_InvalidArgument()
    {
        Assert.Equal([Answer(KernReturn.InvalidArgument)], _sync.Lock(9, Waiter(1)));
        Assert.Equal([Answer(KernReturn.InvalidArgument)], _sync.TryLock(9, 1));
        Assert.Equal([Answer(KernReturn.InvalidArgument)], _sync.Unlock(9, 1));
        Assert.Equal([Answer(KernReturn.InvalidArgument)], _sync.Signal(9, all: false));
        Assert.Equal([Answer(KernReturn.InvalidArgument)], _sync.Wait(9, _sync.AllocateMutex(), Waiter(1)));
    }

    [Fact]
    public void Allocate_Several_DistinctIds()
    {
        Assert.NotEqual(_sync.AllocateMutex(), _sync.AllocateMutex());
        Assert.NotEqual(_sync.AllocateCondition(), _sync.AllocateCondition());
    }

    [Fact]
    public void Wait_HoldingTheMutex_ReleasesItToTheNextWaiterAndParks()
    {
        var m = _sync.AllocateMutex();
        var c = _sync.AllocateCondition();
        var w1 = Waiter(1);
        var w2 = Waiter(2);
        _sync.Lock(m, w1);
        _sync.Lock(m, w2);

        Assert.Equal([new Effect.Wake(w2, KernReturn.Success), new Effect.Park(w1)], _sync.Wait(c, m, w1));
        Assert.Equal(2, _sync.OwnerOf(m));
    }

    [Fact]
    public void Wait_WithoutHoldingTheMutex_InvalidArgument()
    {
        var m = _sync.AllocateMutex();
        var c = _sync.AllocateCondition();

        Assert.Equal([Answer(KernReturn.InvalidArgument)], _sync.Wait(c, m, Waiter(1)));
    }

    [Fact]
    public void Signal_MutexFree_WakesTheLongestWaiterOwningTheMutex()
    {
        var m = _sync.AllocateMutex();
        var c = _sync.AllocateCondition();
        var w1 = Waiter(1);
        var w2 = Waiter(2);
        _sync.Lock(m, w1);
        _sync.Wait(c, m, w1);
        _sync.Lock(m, w2);
        _sync.Wait(c, m, w2);

        Assert.Equal([new Effect.Wake(w1, KernReturn.Success), Answer(KernReturn.Success)], _sync.Signal(c, all: false));
        Assert.Equal(1, _sync.OwnerOf(m));
    }

    [Fact]
    public void Signal_MutexHeld_WaiterQueuesForTheMutexAndWakesOnUnlock()
    {
        var m = _sync.AllocateMutex();
        var c = _sync.AllocateCondition();
        var w1 = Waiter(1);
        _sync.Lock(m, w1);
        _sync.Wait(c, m, w1);
        _sync.Lock(m, Waiter(2));

        Assert.Equal([Answer(KernReturn.Success)], _sync.Signal(c, all: false));
        Assert.Equal([new Effect.Wake(w1, KernReturn.Success), Answer(KernReturn.Success)], _sync.Unlock(m, 2));
        Assert.Equal(1, _sync.OwnerOf(m));
    }

    [Fact]
    public void Signal_NoWaiters_JustSuccess()
    {
        var c = _sync.AllocateCondition();

        Assert.Equal([Answer(KernReturn.Success)], _sync.Signal(c, all: true));
    }

    [Fact]
    public void Broadcast_SeveralWaiters_FirstGetsTheMutexTheOthersQueueForIt()
    {
        var m = _sync.AllocateMutex();
        var c = _sync.AllocateCondition();
        var waiters = new[] { Waiter(1), Waiter(2), Waiter(3) };
        foreach (var w in waiters)
        {
            _sync.Lock(m, w);
            _sync.Wait(c, m, w);
        }

        var effects = _sync.Signal(c, all: true);

        Assert.Equal([new Effect.Wake(waiters[0], KernReturn.Success), Answer(KernReturn.Success)], effects);
        Assert.Equal([new Effect.Wake(waiters[1], KernReturn.Success), Answer(KernReturn.Success)], _sync.Unlock(m, 1));
        Assert.Equal([new Effect.Wake(waiters[2], KernReturn.Success), Answer(KernReturn.Success)], _sync.Unlock(m, 2));
        Assert.Equal([Answer(KernReturn.Success)], _sync.Signal(c, all: true)); // nobody left on the condition
    }

    [Fact]
    public void Cancel_MutexWaiter_RemovedAndNeverGranted()
    {
        var m = _sync.AllocateMutex();
        _sync.Lock(m, Waiter(1));
        var w2 = Waiter(2);
        _sync.Lock(m, w2);

        Assert.Equal(w2, _sync.Cancel(w2.Channel));
        Assert.Equal([Answer(KernReturn.Success)], _sync.Unlock(m, 1));
        Assert.Null(_sync.OwnerOf(m));
    }

    [Fact]
    public void Cancel_ConditionWaiter_RemovedAndNotSignalled()
    {
        var m = _sync.AllocateMutex();
        var c = _sync.AllocateCondition();
        var w1 = Waiter(1);
        _sync.Lock(m, w1);
        _sync.Wait(c, m, w1);

        Assert.Equal(w1, _sync.Cancel(w1.Channel));
        Assert.Equal([Answer(KernReturn.Success)], _sync.Signal(c, all: false));
        Assert.Null(_sync.OwnerOf(m));
    }

    [Fact]
    public void Cancel_SignalledWaiterQueuedForTheMutex_RemovedFromTheMutexQueue()
    {
        var m = _sync.AllocateMutex();
        var c = _sync.AllocateCondition();
        var w1 = Waiter(1);
        _sync.Lock(m, w1);
        _sync.Wait(c, m, w1);
        _sync.Lock(m, Waiter(2));
        _sync.Signal(c, all: false);

        Assert.Equal(w1, _sync.Cancel(w1.Channel));
        Assert.Equal([Answer(KernReturn.Success)], _sync.Unlock(m, 2));
    }

    [Fact]
    public void Cancel_AlreadyGranted_ReturnsNull()
    {
        var m = _sync.AllocateMutex();
        _sync.Lock(m, Waiter(1));
        var w2 = Waiter(2);
        _sync.Lock(m, w2);
        _sync.Unlock(m, 1);

        Assert.Null(_sync.Cancel(w2.Channel));
        Assert.Equal(2, _sync.OwnerOf(m));
    }
}
