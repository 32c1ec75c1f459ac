using System.Collections.Concurrent;
using System.Collections.Immutable;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel.Kern;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig.Interfaces;
using MachActors.Kernel.User;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>Task pagers on whole machines: a task serves a memory object another task maps, through the memory_object and memory_object_control MIG calls.</summary>
public sealed partial class TaskPagerTests
{
    private const long Key = 11;
    private const string Name = "task-memory-object";

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    private static byte[] Pattern(long offset, int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(offset / size * 7 + i + 3))];

    /// <summary>A pager program: makes the memory object, hands it to the client (<see cref="Give"/>), and serves until idle for <paramref name="idle"/>.</summary>
    private static Func<MachEnv, Task> PagerTask(StorePager store, Duration idle) => async env =>
    {
        var port = (await env.PortAllocate(PortRight.Receive)).Name;
        var (code, memoryObject) = await env.MemoryObjectCreate(port, Key);
        Assert.Equal(KernReturn.Success, code);
        await Give(env, memoryObject);
        var loop = new TaskPagerLoop(env, port, store);
        store.Control = loop.Control;
        store.Env = env;
        await loop.Run(idle);
    };

    /// <summary>In the pager: sends a copy of the memory object's send right to the client's mailbox (checked in as <see cref="Name"/>).</summary>
    private static async Task Give(MachEnv env, PortName memoryObject)
    {
        var ns = await env.NameServer();
        var (found, mailbox) = await env.NetnameLookUp(ns, Name);
        while (found != NetnameReturn.Success)
        {
            await MachineKit.ComputeMs(env, 1);
            (found, mailbox) = await env.NetnameLookUp(ns, Name);
        }
        var message = new MachMessage(new MsgHeader(mailbox, MsgType.CopySend, PortName.Null, MsgType.None, 1), [new MsgItem.Port(memoryObject, MsgType.CopySend)]);
        Assert.Equal(MachMsgReturn.Success, (await env.Send(message)).Return);
    }

    /// <summary>In a pager: makes the memory object on a new pager port, hands it to the client and serves init (ready); the loop and the pager port.</summary>
    private static async Task<(TaskPagerLoop Loop, PortName Port)> ServeInit(MachEnv env, StorePager store)
    {
        var port = (await env.PortAllocate(PortRight.Receive)).Name;
        var (_, memoryObject) = await env.MemoryObjectCreate(port, Key);
        await Give(env, memoryObject);
        var loop = new TaskPagerLoop(env, port, store);
        store.Control = loop.Control;
        await loop.ServeOnce(); // init: ready
        return (loop, port);
    }

    /// <summary>In a client: the memory object from the pager (through a mailbox checked in as <see cref="Name"/>), mapped anywhere (<paramref name="pages"/> pages).</summary>
    private static async Task<ulong> Map(MachEnv env, int pages)
    {
        var mailbox = await env.MachReplyPort();
        var signature = await env.MachReplyPort();
        await env.PortInsertRight(signature, signature, MsgType.MakeSend);
        Assert.Equal(NetnameReturn.Success, await env.NetnameCheckIn(await env.NameServer(), Name, signature, mailbox));
        var received = await env.Receive(mailbox);
        var memoryObject = Assert.IsType<MsgItem.Port>(Assert.Single(received.Message!.Body)).Name;
        var (code, at) = await env.VmMap(env.TaskSelf, 0, (ulong)(pages * env.Machine.PageSize), 0, true, memoryObject, 0, false);
        Assert.Equal(KernReturn.Success, code);
        return at;
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void VmMap_PagerIsATask_ReadsSeeItsBytesAndWritesComeBackAtUnmap(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(dispatcher: dispatcher);
        var size = kit.Machine.Config.PageSize;
        var store = new StorePager(size);
        byte[] first = [];
        kit.Start(PagerTask(store, Duration.FromMilliseconds(300)), "pager");
        kit.Start(async env =>
        {
            var at = await Map(env, 2);
            first = await env.Mem.Read(at, size);
            await env.Mem.Write(at + (ulong)size, Pattern(99 * size, size));
            Assert.Equal(KernReturn.Success, await env.VmDeallocate(env.TaskSelf, at, (ulong)(2 * size)));
        }, "client");
        kit.RunToEnd();

        Assert.Equal(Pattern(0, size), first);
        Assert.Contains("init 11", store.Log);
        Assert.Contains("request 0", store.Log);
        Assert.Contains($"return {size} dirty", store.Log);
        Assert.Equal(["control refs 2", "control refs 2"], store.Log.Where(l => l.StartsWith("control", StringComparison.Ordinal))); // init's right and this call's: the loop dropped the earlier calls' ones
        Assert.Equal(Pattern(99 * size, size), store.Pages[size]);
        Assert.Contains("terminate", store.Log);
        Assert.Empty(kit.Machine.Status.Faults);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void DataSupply_FourPagesInOneCall_ServeFourFaultsWithOneRequest(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(dispatcher: dispatcher);
        var size = kit.Machine.Config.PageSize;
        var store = new StorePager(size) { SupplyPages = 4 };
        var read = new List<byte[]>();
        kit.Start(PagerTask(store, Duration.FromMilliseconds(300)), "pager");
        kit.Start(async env =>
        {
            var at = await Map(env, 4);
            for (var i = 0; i < 4; i++) read.Add(await env.Mem.Read(at + (ulong)(i * size), size));
        }, "client");
        kit.RunToEnd();

        Assert.Equal(Enumerable.Range(0, 4).Select(i => Pattern(i * size, size)), read);
        Assert.Equal(["request 0"], store.Log.Where(l => l.StartsWith("request", StringComparison.Ordinal)));
        Assert.Empty(kit.Machine.Status.Faults);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void ReplyToPort_SupplyLockAndChange_CompletionsArriveThereNotOnThePagerPort(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(dispatcher: dispatcher);
        var size = kit.Machine.Config.PageSize;
        var reply = PortName.Null;
        var store = new StorePager(size);
        var completions = new List<string>();
        byte[] read = [];
        kit.Start(async env =>
        {
            reply = (await env.PortAllocate(PortRight.Receive)).Name;
            store.ReplyPort = reply;
            var (loop, _) = await ServeInit(env, store);
            await loop.ServeOnce(); // data_request: data_supply with the reply port
            completions.Add(await Completion(env, reply));
            await loop.Control.MemoryObjectLockRequestToAsync(store.LastControl, 0, size, LockReturnPolicy.None, false, -1, reply);
            completions.Add(await Completion(env, reply));
            await loop.Control.MemoryObjectChangeAttributesToAsync(store.LastControl, false, VmCopyStrategy.Delay, reply);
            completions.Add(await Completion(env, reply));
            await loop.Run(Duration.FromMilliseconds(300)); // the rest (terminate): no completion comes here
        }, "pager");
        kit.Start(async env =>
        {
            var at = await Map(env, 1);
            read = await env.Mem.Read(at, size);
            await MachineKit.ComputeMs(env, 100); // mapped while the pager asks
            Assert.Equal(KernReturn.Success, await env.VmDeallocate(env.TaskSelf, at, (ulong)size)); // the last reference: terminate
        }, "client");
        kit.RunToEnd();

        Assert.Equal(Pattern(0, size), read);
        Assert.Equal(["2207 control", "2206 control", "2209"], completions);
        Assert.DoesNotContain(store.Log, l => l.StartsWith("completed", StringComparison.Ordinal));
        Assert.Contains("terminate", store.Log);
        kit.AssertNoActorFailures();
    }

    /// <summary>In the pager: the next message on <paramref name="reply"/>: its id, and "control" when it carries a live send right to the control port (the incarnation's).</summary>
    private static async Task<string> Completion(MachEnv env, PortName reply)
    {
        var received = await env.Receive(reply, Duration.FromSeconds(1));
        if (received.Message is not { } message) return received.Return.ToString();
        var control = message.Body.OfType<MsgItem.Port>().Any(p => p.Name != PortName.Null && p.Name != PortName.Dead);
        await env.MachMsgDestroy(message);
        return control ? $"{message.Header.Id} control" : $"{message.Header.Id}";
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Terminate_DataReturnQueuedBeforeIt_ArrivesUnderInitsLiveControlNameAndThePortDiesAfter(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(dispatcher: dispatcher);
        var size = kit.Machine.Config.PageSize;
        var store = new StorePager(size) { CheckControl = true };
        var after = KernReturn.Success;
        kit.Start(async env =>
        {
            store.Env = env;
            var (loop, _) = await ServeInit(env, store);
            await loop.ServeOnce(); // data_request: supply
            await MachineKit.ComputeMs(env, 200); // meanwhile the client writes and unmaps: data_return and terminate wait here
            await loop.ServeOnce(); // data_return
            await loop.ServeOnce(); // terminate
            after = (await env.PortType(store.LastControl)).Result;
        }, "pager");
        kit.Start(async env =>
        {
            var at = await Map(env, 1);
            await env.Mem.Write(at, Pattern(5 * size, size));
            Assert.Equal(KernReturn.Success, await env.VmDeallocate(env.TaskSelf, at, (ulong)size));
        }, "client");
        kit.RunToEnd();

        Assert.Equal(Pattern(5 * size, size), store.Pages[0]);
        Assert.Equal(["return control init's Send", "terminate control init's Send, Receive"], store.Log.Where(l => l.Contains("control init", StringComparison.Ordinal) || l.Contains("control other", StringComparison.Ordinal)));
        Assert.Equal(KernReturn.InvalidName, after); // the loop destroyed the port: the name is gone
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Eviction_MemoryPressure_DirtyPagesGoBackToTheTaskAndComeBackOnRefault(DispatcherKind dispatcher)
    {
        const int pages = 96;
        var config = new MachineConfig { FrameCount = 64, Disks = [new DiskConfig { Name = "swap" }], SwapDisk = "swap" };
        using var kit = new MachineKit(dispatcher: dispatcher, config: config);
        var size = kit.Machine.Config.PageSize;
        var store = new StorePager(size);
        var mismatches = new List<int>();
        kit.Start(PagerTask(store, Duration.FromSeconds(2)), "pager");
        kit.Start(async env =>
        {
            var at = await Map(env, pages);
            for (var i = 0; i < pages; i++) await env.Mem.Write(at + (ulong)(i * size), Pattern((i + 50) * size, size));
            for (var i = 0; i < pages; i++)
            {
                if (!(await env.Mem.Read(at + (ulong)(i * size), size)).AsSpan().SequenceEqual(Pattern((i + 50) * size, size))) mismatches.Add(i);
            }
        }, "client");
        kit.RunToEnd(Duration.FromSeconds(60));

        Assert.Empty(mismatches);
        Assert.Empty(kit.Machine.Status.Faults);
        var returns = store.Log.Count(l => l.StartsWith("return", StringComparison.Ordinal));
        Assert.True(returns >= pages - 64, $"data_returns {returns}");
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void PagerTaskDies_FaultPending_BadAccessAndNothingHangs(DispatcherKind dispatcher) =>
        PagerGoneWhileAFaultWaits(dispatcher, async (env, _) => await env.TaskTerminate(env.TaskSelf));

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void PagerPortDestroyed_TaskLives_FaultPendingTakesBadAccess(DispatcherKind dispatcher) =>
        PagerGoneWhileAFaultWaits(dispatcher, async (env, port) =>
        {
            Assert.Equal(KernReturn.Success, (await env.PortDestroy(port)).Result);
            await MachineKit.ComputeMs(env, 50); // the task lives on
        });

    /// <summary>The pager readies the object, takes the client's data_request without answering, then <paramref name="gone"/>; the fault takes the pager-death path.</summary>
    private static void PagerGoneWhileAFaultWaits(DispatcherKind dispatcher, Func<MachEnv, PortName, Task> gone)
    {
        using var kit = new MachineKit(dispatcher: dispatcher, config: new MachineConfig { PagerTimeout = Duration.FromSeconds(5) });
        var store = new StorePager(kit.Machine.Config.PageSize) { Silent = true };
        kit.Start(async env =>
        {
            var (loop, port) = await ServeInit(env, store);
            await loop.ServeOnce(); // the data_request, never answered
            await gone(env, port);
        }, "pager");
        kit.Start(async env =>
        {
            var at = await Map(env, 1);
            await env.Mem.Read(at, 8);
        }, "client");
        kit.RunToEnd(Duration.FromSeconds(30));

        var fault = Assert.Single(kit.Machine.Status.Faults);
        Assert.Equal(ExceptionType.BadAccess, fault.Exception!.Value.Type);
        Assert.True(fault.At - VirtualTime.Zero < Duration.FromSeconds(5), $"faulted at {fault.At}: the pager-death path, not the timeout");
        Assert.Contains("request 0", store.Log);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void ControlPort_HostileMessagesFirst_DroppedAndTheGoodSupplyServesTheFault(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(dispatcher: dispatcher);
        var size = kit.Machine.Config.PageSize;
        var store = new StorePager(size) { HostileFirst = true };
        byte[] read = [];
        kit.Start(PagerTask(store, Duration.FromMilliseconds(300)), "pager");
        kit.Start(async env => read = await env.Mem.Read(await Map(env, 1), size), "client");
        kit.RunToEnd();

        Assert.Equal(Pattern(0, size), read);
        Assert.Equal(["bad supply Success", "unknown id Success"], store.Log.Where(l => l.StartsWith("bad", StringComparison.Ordinal) || l.StartsWith("unknown", StringComparison.Ordinal)));
        Assert.Empty(kit.Machine.Status.Faults);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void MemoryObjectCreate_AfterAPagerPortDied_TaskHoldsOnlyTheLiveBridge(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(dispatcher: dispatcher);
        var counts = new List<int>();
        kit.Start(async env =>
        {
            var first = (await env.PortAllocate(PortRight.Receive)).Name;
            Assert.Equal(KernReturn.Success, (await env.MemoryObjectCreate(first, Key)).Code);
            counts.Add(await env.Call<int>(env.Task.Ref, new TaskPagerBridgeCount()));
            Assert.Equal(KernReturn.Success, (await env.PortDestroy(first)).Result); // the first bridge stops
            await MachineKit.ComputeMs(env, 20);
            var second = (await env.PortAllocate(PortRight.Receive)).Name;
            Assert.Equal(KernReturn.Success, (await env.MemoryObjectCreate(second, Key + 1)).Code);
            await MachineKit.ComputeMs(env, 20);
            counts.Add(await env.Call<int>(env.Task.Ref, new TaskPagerBridgeCount()));
        }, "pager");
        kit.RunToEnd();

        Assert.Equal([1, 1], counts);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void MemoryObjectCreate_NoReceiveRight_FailsAndMakesNothing(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(dispatcher: dispatcher);
        var code = KernReturn.Success;
        kit.Start(async env => (code, _) = await env.MemoryObjectCreate(new PortName(0x777), Key));
        kit.RunToEnd();

        Assert.NotEqual(KernReturn.Success, code);
        kit.AssertNoActorFailures();
    }
}
