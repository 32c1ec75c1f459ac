using MachActors.Actors.Dispatch;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.User;

namespace MachActors.Tests.Unit.Kernel.Ipc;

/// <summary>
/// Out-of-line message memory (<see cref="MsgItem.Memory"/>) through whole machines: the receiver gets a
/// copy-on-write copy of the pages as they were at send, mapped anywhere in its own space; later writes
/// on either side stay apart; the deallocate bit moves the region out of the sender.
/// </summary>
public sealed class OutOfLineMemoryTests
{
    private const int Pages = 2;

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    internal static byte[] Pattern(byte seed, int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(seed + (i * 5)))];

    /// <summary>A receive right with a send right under the same name.</summary>
    internal static async Task<PortName> SelfPort(MachEnv env)
    {
        var port = await env.MachReplyPort();
        await env.PortInsertRight(port, port, MsgType.MakeSend);
        return port;
    }

    internal static MachMessage Carrying(PortName port, params MsgItem[] items) => new(MsgHeader.To(port, MsgType.CopySend, 500), [.. items]);

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Send_ThenWriteEitherSide_ReceiverSeesTheDataAsSentAndWritesStayApart(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        var codes = new List<MachMsgReturn>();
        MsgItem.Memory? got = null;
        ulong sent = 0;
        byte[] received = [], receivedAfter = [], senderAfter = [];
        var size = 0;
        kit.Start(async env =>
        {
            size = Pages * env.Machine.PageSize;
            var port = await SelfPort(env);
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, (ulong)size);
            sent = at;
            await env.Mem.Write(at, Pattern(1, size));
            codes.Add((await env.Send(Carrying(port, new MsgItem.Int32(7), new MsgItem.Memory(at, (ulong)size)))).Return);
            await env.Mem.Write(at, Pattern(2, size));
            var result = await env.Receive(port);
            codes.Add(result.Return);
            got = (MsgItem.Memory)result.Message!.Body[1];
            received = await env.Mem.Read(got.Address, size);
            await env.Mem.Write(got.Address, Pattern(3, size));
            receivedAfter = await env.Mem.Read(got.Address, size);
            senderAfter = await env.Mem.Read(at, size);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal([MachMsgReturn.Success, MachMsgReturn.Success], codes);
        Assert.NotEqual(sent, got!.Address);
        Assert.Equal((ulong)size, got.Length);
        Assert.False(got.Deallocate);
        Assert.Equal(Pattern(1, size), received);
        Assert.Equal(Pattern(3, size), receivedAfter);
        Assert.Equal(Pattern(2, size), senderAfter);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Send_AnotherThreadWroteTheRegionBefore_ItsWritesAfterTheSendDoNotReachTheCopy(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        byte[] received = [], expected = [];
        var size = 0;
        kit.Start(async env =>
        {
            size = Pages * env.Machine.PageSize;
            var port = await SelfPort(env);
            var go = await SelfPort(env);
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, (ulong)size);
            expected = Pattern(1, size);
            var wrote = false;
            var writer = await env.CThreadFork(async w =>
            {
                await w.Mem.Write(at, expected);                 // this thread's CPU now holds writable translations
                wrote = true;
                await w.Receive(go);
                await w.Mem.Write(at, Pattern(2, size));         // after the send: must fault and copy, not write the sent page
                return null;
            }, "writer");
            while (!wrote) await env.Yield();
            await env.Send(Carrying(port, new MsgItem.Memory(at, (ulong)size)));
            await env.Send(Carrying(go, new MsgItem.Int32(0)));
            await env.CThreadJoin(writer);
            var got = await env.Receive(port);
            received = await env.Mem.Read(((MsgItem.Memory)got.Message!.Body[0]).Address, size);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(expected, received);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Send_ToAnotherTaskThroughTheNameServer_WithDeallocate_DataArrivesAndLeavesTheSender(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        var checkedIn = false;
        MachMsgReturn sendCode = MachMsgReturn.SendInvalidData, receiveCode = MachMsgReturn.SendInvalidData;
        KernReturn holeCode = KernReturn.Success;
        ulong holeStart = 0, sent = 0;
        byte[] received = [], expected = [];
        kit.Start(async env =>
        {
            var ns = await env.NameServer();
            var service = await env.MachReplyPort();
            var signature = await env.MachReplyPort();
            await env.PortInsertRight(signature, signature, MsgType.MakeSend);
            await env.NetnameCheckIn(ns, "ool", signature, service);
            checkedIn = true;
            var got = await env.Receive(service);
            receiveCode = got.Return;
            var memory = (MsgItem.Memory)got.Message!.Body[0];
            received = await env.Mem.Read(memory.Address, (int)memory.Length);
        }, "receiver");
        kit.Start(async env =>
        {
            var ns = await env.NameServer();
            while (!checkedIn) await env.Yield();
            var (_, port) = await env.NetnameLookUp(ns, "ool");
            var size = Pages * env.Machine.PageSize;
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, (ulong)size);
            sent = at;
            expected = Pattern(9, size);
            await env.Mem.Write(at, expected);
            sendCode = (await env.Send(Carrying(port, new MsgItem.Memory(at, (ulong)size, Deallocate: true)))).Return;
            var (code, region) = await env.VmRegion(env.TaskSelf, at);
            holeCode = code;
            holeStart = region?.Start ?? 0;
        }, "sender");
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(MachMsgReturn.Success, sendCode);
        Assert.Equal(MachMsgReturn.Success, receiveCode);
        Assert.Equal(expected, received);
        Assert.True(holeCode != KernReturn.Success || holeStart > sent, $"the sender still maps 0x{sent:x}: {holeCode} 0x{holeStart:x}");
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Send_SharedRegion_CopyOfTheSharedObjectArrivesAndLaterWritesStayApart(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        var code = MachMsgReturn.SendInvalidData;
        byte[] received = [], expected = [];
        var size = 0;
        kit.Start(async env =>
        {
            size = Pages * env.Machine.PageSize;
            var port = await SelfPort(env);
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, (ulong)size);
            expected = Pattern(7, size);
            await env.Mem.Write(at, expected);
            await env.VmInherit(env.TaskSelf, at, (ulong)size, MachActors.Kernel.Vm.VmInherit.Share);
            await env.TaskCreate(env.TaskSelf, "child", inheritMemory: true);   // the region is a shared object from now on
            await env.Send(Carrying(port, new MsgItem.Memory(at, (ulong)size, Deallocate: true)));   // a new object: its actor is spawned meanwhile
            var got = await env.Receive(port);
            code = got.Return;
            var copy = ((MsgItem.Memory)got.Message!.Body[0]).Address;
            received = await env.Mem.Read(copy, size);
            await env.Mem.Write(copy, Pattern(8, size));
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(MachMsgReturn.Success, code);
        Assert.Equal(expected, received);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Send_UnalignedAndEmptyRegions_PageOffsetKeptAndEmptyIsAddressZero(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        var code = MachMsgReturn.SendInvalidData;
        MsgItem.Memory? odd = null, empty = null;
        byte[] seen = [];
        var page = 0UL;
        kit.Start(async env =>
        {
            page = (ulong)env.Machine.PageSize;
            var port = await SelfPort(env);
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, 2 * page);
            await env.Mem.Write(at + page - 2, [1, 2, 3, 4]);   // straddles the page boundary
            await env.Send(Carrying(port, new MsgItem.Memory(at + page - 2, 4), new MsgItem.Memory(0x1234, 0)));
            var got = await env.Receive(port);
            code = got.Return;
            odd = (MsgItem.Memory)got.Message!.Body[0];
            empty = (MsgItem.Memory)got.Message!.Body[1];
            seen = await env.Mem.Read(odd.Address, 4);
        });
        kit.RunToEnd();

        Assert.Equal(MachMsgReturn.Success, code);
        Assert.Equal(page - 2, odd!.Address % page);
        Assert.Equal(4UL, odd.Length);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, seen);
        Assert.Equal(new MsgItem.Memory(0, 0), empty);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Send_UnderMemoryPressure_ReceiverReadsEveryPageAsSent(DispatcherKind dispatcher)
    {
        const int frames = 64, pages = 96;
        var config = new MachineConfig { FrameCount = frames, Disks = [new DiskConfig { Name = "swap" }], SwapDisk = "swap" };
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher, config: config);
        var mismatches = new List<int>();
        var senderMismatches = new List<int>();
        var code = MachMsgReturn.SendInvalidData;
        kit.Start(async env =>
        {
            var page = env.Machine.PageSize;
            var port = await SelfPort(env);
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, (ulong)(pages * page));
            for (var i = 0; i < pages; i++) await env.Mem.Write(at + (ulong)(i * page), Pattern((byte)i, page));
            await env.Send(Carrying(port, new MsgItem.Memory(at, (ulong)(pages * page))));
            for (var i = 0; i < pages; i += 2) await env.Mem.Write(at + (ulong)(i * page), Pattern((byte)(i + 100), page));
            var got = await env.Receive(port);
            code = got.Return;
            var copy = ((MsgItem.Memory)got.Message!.Body[0]).Address;
            for (var i = 0; i < pages; i++)
            {
                if (!(await env.Mem.Read(copy + (ulong)(i * page), page)).AsSpan().SequenceEqual(Pattern((byte)i, page))) mismatches.Add(i);
                var mine = Pattern((byte)(i % 2 == 0 ? i + 100 : i), page);
                if (!(await env.Mem.Read(at + (ulong)(i * page), page)).AsSpan().SequenceEqual(mine)) senderMismatches.Add(i);
            }
        });
        kit.RunToEnd(Duration.FromSeconds(120));

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(MachMsgReturn.Success, code);
        Assert.Empty(mismatches);
        Assert.Empty(senderMismatches);
        Assert.True(kit.Machine.Status.Vm.Pageouts > 0, "no paging happened");
    }
}
