using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.User;

public sealed class CThreadsTests
{
    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void CThreadJoin_ChildReturnsAValue_JoinReturnsIt(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var joined = new List<JoinResult>();
        kit.Start(async env =>
        {
            var a = await env.CThreadFork(async e => { await ComputeMs(e, 3); return 42; });
            var b = await env.CThreadFork(async e => { await e.CThreadExit("by exit"); return "unreachable"; });
            joined.Add(await env.CThreadJoin(a));
            joined.Add(await env.CThreadJoin(b));
        });

        kit.RunToEnd();

        Assert.Equal([new JoinResult(KernReturn.Success, 42), new JoinResult(KernReturn.Success, "by exit")], joined);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void CThreadJoin_ChildAlreadyEnded_ReturnsAtOnce()
    {
        using var kit = new MachineKit(cpus: 2);
        JoinResult? joined = null;
        kit.Start(async env =>
        {
            var child = await env.CThreadFork(async _ => await Task.FromResult<object?>("quick"));
            await ComputeMs(env, 5);
            joined = await env.CThreadJoin(child);
        });

        kit.RunToEnd();

        Assert.Equal(new JoinResult(KernReturn.Success, "quick"), joined);
    }

    [Fact]
    public void CThreadJoin_DetachedThread_InvalidArgument()
    {
        using var kit = new MachineKit();
        var results = new List<object>();
        kit.Start(async env =>
        {
            var child = await env.CThreadFork(async e => { await ComputeMs(e, 5); return 1; });
            results.Add(await env.CThreadDetach(child));
            results.Add(await env.CThreadJoin(child));
        });

        kit.RunToEnd();

        Assert.Equal([KernReturn.Success, new JoinResult(KernReturn.InvalidArgument, null)], results);
    }

    [Fact]
    public void CThreadJoin_SecondJoinOrSelf_InvalidArgument()
    {
        using var kit = new MachineKit();
        var results = new List<JoinResult>();
        kit.Start(async env =>
        {
            results.Add(await env.CThreadJoin(env.CThreadSelf()));
            var child = await env.CThreadFork(async e => { await ComputeMs(e, 2); return 1; });
            results.Add(await env.CThreadJoin(child));
            results.Add(await env.CThreadJoin(child));
        });

        kit.RunToEnd();

        Assert.Equal(
            [new JoinResult(KernReturn.InvalidArgument, null), new JoinResult(KernReturn.Success, 1), new JoinResult(KernReturn.InvalidArgument, null)],
            results);
    }

    [Fact]
    public void CThreadJoin_FromHost_ReturnsTheResultOnceTheThreadEnds()
    {
        using var kit = new MachineKit();
        var main = kit.Start(async env => await ComputeMs(env, 20)).MainThread!;

        var joined = kit.Call<JoinResult>(main, new ThreadJoin());

        Assert.Equal(KernReturn.Success, joined.Result);
        Assert.True(kit.Sys.Now >= VirtualTime.Zero + Ms(20));
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void MutexLock_ManyThreadsIncrementingASharedCounter_NoIncrementLost(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 3, kind);
        var counter = 0;
        var holders = 0;
        var maxHolders = 0;
        kit.Start(async env =>
        {
            var m = await env.MutexAlloc();
            var threads = new List<PortName>();
            for (var i = 0; i < 4; i++)
            {
                threads.Add(await env.CThreadFork(async e =>
                {
                    for (var k = 0; k < 5; k++)
                    {
                        Assert.Equal(KernReturn.Success, await e.MutexLock(m));
                        maxHolders = Math.Max(maxHolders, Interlocked.Increment(ref holders));
                        var v = counter;
                        await e.Compute(CyclesPerMs / 2);
                        counter = v + 1;
                        Interlocked.Decrement(ref holders);
                        Assert.Equal(KernReturn.Success, await e.MutexUnlock(m));
                    }
                    return null;
                }));
            }
            foreach (var t in threads) await env.CThreadJoin(t);
        });

        kit.RunToEnd();

        Assert.Equal(20, counter);
        Assert.Equal(1, maxHolders);
        Assert.Empty(kit.Machine.Status.Faults);
    }

    [Fact]
    public void MutexCalls_FromAProgram_TryLockRecursiveAndForeignUnlockAnswered()
    {
        using var kit = new MachineKit(cpus: 2);
        var results = new List<KernReturn>();
        kit.Start(async env =>
        {
            var m = await env.MutexAlloc();
            results.Add(await env.MutexTryLock(m));
            results.Add(await env.MutexLock(m));
            var other = await env.CThreadFork(async e => await e.MutexUnlock(m));
            results.Add((KernReturn)(await env.CThreadJoin(other)).Value!);
            results.Add(await env.MutexUnlock(m));
            results.Add(await env.MutexUnlock(m));
        });

        kit.RunToEnd();

        Assert.Equal([KernReturn.Success, KernReturn.Failure, KernReturn.Failure, KernReturn.Success, KernReturn.Failure], results);
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void ConditionWait_ProducerConsumer_EveryItemConsumedInOrder(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var queue = new Queue<int>();
        var consumed = new List<int>();
        kit.Start(async env =>
        {
            var m = await env.MutexAlloc();
            var nonEmpty = await env.ConditionAlloc();
            var consumer = await env.CThreadFork(async e =>
            {
                for (var n = 0; n < 10; n++)
                {
                    await e.MutexLock(m);
                    while (queue.Count == 0) Assert.Equal(KernReturn.Success, await e.ConditionWait(nonEmpty, m));
                    consumed.Add(queue.Dequeue());
                    await e.MutexUnlock(m);
                }
                return null;
            }, "consumer");
            for (var i = 0; i < 10; i++)
            {
                await env.Compute(CyclesPerMs);
                await env.MutexLock(m);
                queue.Enqueue(i);
                await (i % 2 == 0 ? env.ConditionSignal(nonEmpty) : env.ConditionBroadcast(nonEmpty));
                await env.MutexUnlock(m);
            }
            await env.CThreadJoin(consumer);
        });

        kit.RunToEnd();

        Assert.Equal(Enumerable.Range(0, 10), consumed);
    }

    [Fact]
    public void CThreadSelf_InAThread_IsThePortNameForkReturnedAndEnvKnowsItsTask()
    {
        using var kit = new MachineKit();
        var forked = PortName.Null;
        var seenInside = PortName.Null;
        ThreadHandle? selfInside = null;
        TaskHandle? taskInside = null;
        var started = kit.Start(async env =>
        {
            forked = await env.CThreadFork(async e =>
            {
                seenInside = e.CThreadSelf();
                selfInside = e.Self;
                taskInside = e.Task;
                return null;
            }, "named");
            await env.CThreadJoin(forked);
        });

        kit.RunToEnd();

        Assert.NotEqual(PortName.Null, forked);
        Assert.Equal(forked, seenInside); // one task, one space: the same name
        Assert.Equal("named", selfInside!.Name);
        Assert.Equal(started.Task, taskInside);
        Assert.Equal(started.MainThread, kit.Info(started.MainThread!).Thread);
    }

    [Fact]
    public void MutexAndConditionCalls_OnAnotherTasksObjects_InvalidArgument()
    {
        using var kit = new MachineKit(cpus: 2);
        var results = new List<KernReturn>();
        kit.Start(async env =>
        {
            var m = await env.MutexAlloc();
            var c = await env.ConditionAlloc();
            var (_, child) = await env.TaskCreate(env.TaskSelf);
            var (_, thread) = await env.ThreadCreate(child, async e =>
            {
                var own = await e.MutexAlloc(); // the calls go to the caller's own task, which knows only its own
                return new[]
                {
                    await e.MutexLock(m), await e.MutexTryLock(m), await e.MutexUnlock(m), await e.ConditionSignal(c),
                    await e.ConditionBroadcast(c), await e.ConditionWait(c, own), await e.MutexLock(own),
                };
            });
            await env.ThreadResume(thread);
            results.AddRange((KernReturn[])(await env.CThreadJoin(thread)).Value!);
            results.Add(await env.MutexTryLock(m)); // untouched
        });

        kit.RunToEnd();

        Assert.Equal([.. Enumerable.Repeat(KernReturn.InvalidArgument, 6), KernReturn.Success, KernReturn.Success], results);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void CThreadYield_TwoThreadsOnOneCpu_TakeTurns()
    {
        using var kit = new MachineKit(cpus: 1);
        kit.Start(async env =>
        {
            var other = await env.CThreadFork(async e =>
            {
                for (var i = 0; i < 3; i++)
                {
                    kit.Log.Enqueue("b" + i);
                    await e.CThreadYield();
                }
                return null;
            });
            for (var i = 0; i < 3; i++)
            {
                kit.Log.Enqueue("a" + i);
                await env.CThreadYield();
            }
            await env.CThreadJoin(other);
        });

        kit.RunToEnd();

        Assert.Equal(["a0", "b0", "a1", "b1", "a2", "b2"], kit.Log);
    }

    [Fact]
    public void SwitchTo_AQueuedThread_RunsItNextEvenIfItIsWorse()
    {
        using var kit = new MachineKit(cpus: 1);
        kit.Start(async env =>
        {
            var (_, low) = await env.ThreadCreate(env.TaskSelf, async e => { kit.Log.Enqueue("low"); return null; }, "low");
            var (_, high) = await env.ThreadCreate(env.TaskSelf, async e => { kit.Log.Enqueue("high"); return null; }, "high");
            await env.ThreadPriority(low, 25);
            await env.ThreadPriority(high, 12);
            await env.ThreadResume(low);
            await env.ThreadResume(high);
            await env.SwitchTo(low);
            kit.Log.Enqueue("main");
            await env.CThreadJoin(low);
            await env.CThreadJoin(high);
        });

        kit.RunToEnd();

        Assert.Equal("low", kit.Log.First());
    }
}
