using MachActors.Actors.Dispatch;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Vm;
using static MachActors.Tests.Unit.Kernel.Ipc.OutOfLineMemoryTests;

namespace MachActors.Tests.Unit.Kernel.Ipc;

/// <summary>
/// Out-of-line message memory that goes wrong: bad regions refuse the send and change nothing; a copy
/// that does not fit at receive is dropped (the message still arrives); a message destroyed unreceived,
/// or sent to a kernel object, releases its copy, so every frame comes back.
/// </summary>
public sealed class OutOfLineMemoryFailureTests
{
    private static readonly int FrameCount = new MachineConfig().FrameCount;

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Send_BadRegions_SendInvalidMemoryAndNothingCopiedOrDeallocated(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        var codes = new Dictionary<string, MachMsgReturn>();
        byte[] kept = [], expected = [];
        kit.Start(async env =>
        {
            var page = (ulong)env.Machine.PageSize;
            var port = await SelfPort(env);
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, 4 * page);
            var hole = at + (3 * page);
            await env.VmDeallocate(env.TaskSelf, hole, page);
            await env.VmProtect(env.TaskSelf, at + (2 * page), page, false, VmProt.None);
            expected = Pattern(4, (int)page);
            await env.Mem.Write(at, expected);
            var moved = new MsgItem.Memory(at, page, Deallocate: true);
            codes["unmapped"] = (await env.Send(Carrying(port, new MsgItem.Memory(hole, page)))).Return;
            codes["partly unmapped"] = (await env.Send(Carrying(port, new MsgItem.Memory(at + (2 * page) + 1, 2 * page)))).Return;
            codes["unreadable"] = (await env.Send(Carrying(port, new MsgItem.Memory(at + (2 * page), page)))).Return;
            codes["too large"] = (await env.Send(Carrying(port, new MsgItem.Memory(at, IpcLimits.OutOfLineMax + 1UL)))).Return;
            codes["moved then unmapped"] = (await env.Send(Carrying(port, moved, new MsgItem.Memory(hole, page)))).Return;
            codes["moved then bad right"] = (await env.Send(Carrying(port, moved, new MsgItem.Port(new PortName(0x7777), MsgType.CopySend)))).Return;
            codes["queue"] = (await env.Receive(port, Duration.Zero)).Return;
            kept = await env.Mem.Read(at, (int)page);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(MachMsgReturn.SendInvalidMemory, codes["unmapped"]);
        Assert.Equal(MachMsgReturn.SendInvalidMemory, codes["partly unmapped"]);
        Assert.Equal(MachMsgReturn.SendInvalidMemory, codes["unreadable"]);
        Assert.Equal(MachMsgReturn.SendInvalidMemory, codes["too large"]);
        Assert.Equal(MachMsgReturn.SendInvalidMemory, codes["moved then unmapped"]);
        Assert.Equal(MachMsgReturn.SendInvalidRight, codes["moved then bad right"]);
        Assert.Equal(MachMsgReturn.RcvTimedOut, codes["queue"]);
        Assert.Equal(expected, kept);
        Assert.Equal(FrameCount - 1, kit.Machine.Status.Vm.FreeFrames); // only the page written: the failed copies were released
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Receive_NoSpaceForTheCopy_BodyErrorVmSpaceAndTheRestDelivered(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        MachMsgResult? got = null;
        var filled = KernReturn.Failure;
        var page = 0UL;
        kit.Start(async env =>
        {
            page = (ulong)env.Machine.PageSize;
            var port = await SelfPort(env);
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, page);
            await env.Mem.Write(at, Pattern(5, (int)page));
            await env.Send(Carrying(port, new MsgItem.Int32(7), new MsgItem.Memory(at, page, Deallocate: true)));
            filled = await VmAllocateFixed(env, page, (1UL << 32) - page); // the whole address space
            got = await env.Receive(port);
            await env.VmDeallocate(env.TaskSelf, page, (1UL << 32) - page);
        });
        kit.RunToEnd();

        Assert.Equal(KernReturn.Success, filled);
        Assert.Equal(MachMsgReturn.RcvBodyError | MachMsgReturn.VmSpace, got!.Return);
        Assert.Equal(new MsgItem.Int32(7), got.Message!.Body[0]);
        Assert.Equal(new MsgItem.Memory(0, page), got.Message.Body[1]);
        Assert.Equal(FrameCount, kit.Machine.Status.Vm.FreeFrames); // the copy was discarded
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Destroy_PortDiesWithTheMessageQueued_EveryFrameComesBack(DispatcherKind dispatcher)
    {
        Assert.Equal(FrameCount, FreeFramesAfter(dispatcher, destroyPort: true));
    }

    [Fact]
    public void Destroy_MessageStillQueued_FramesHeld()
    {
        Assert.Equal(FrameCount - 4, FreeFramesAfter(DispatcherKind.Controlled, destroyPort: false)); // the check above can fail
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Destroy_KernelPortTimedOutAndMsgDestroy_EveryFrameComesBack(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        var codes = new List<MachMsgReturn>();
        byte[] returned = [], expected = [];
        kit.Start(async env =>
        {
            var page = (ulong)env.Machine.PageSize;
            expected = Pattern(6, (int)page);
            var port = await SelfPort(env);
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, 3 * page);
            for (var i = 0UL; i < 3; i++) await env.Mem.Write(at + (i * page), expected);

            // A kernel object does not take memory: the task port gets an unknown routine (MIG_BAD_ID, no reply port).
            codes.Add((await env.Send(new MachMessage(MsgHeader.To(env.TaskSelf, MsgType.CopySend, 9999), [new MsgItem.Memory(at, page, Deallocate: true)]))).Return);

            // A send that times out comes back by pseudo-receive: the copy is mapped in the sender again.
            await env.PortSetQLimit(port, 1);
            await env.Send(Carrying(port, new MsgItem.Int32(1)));
            var back = await env.Send(Carrying(port, new MsgItem.Memory(at + page, page, Deallocate: true)), Duration.Zero);
            codes.Add(back.Return);
            var again = (MsgItem.Memory)back.Message!.Body[0];
            returned = await env.Mem.Read(again.Address, (int)page);
            await env.VmDeallocate(env.TaskSelf, again.Address, again.Length);
            await env.Receive(port);

            // mach_msg_destroy of a received message deallocates its memory.
            await env.Send(Carrying(port, new MsgItem.Memory(at + (2 * page), page, Deallocate: true)));
            var got = await env.Receive(port);
            codes.Add(got.Return);
            await env.MachMsgDestroy(got.Message!);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal([MachMsgReturn.Success, MachMsgReturn.SendTimedOut, MachMsgReturn.Success], codes);
        Assert.Equal(expected, returned);
        Assert.Equal(FrameCount, kit.Machine.Status.Vm.FreeFrames);
    }

    /// <summary>Sends 4 written pages with the deallocate bit to a port, then destroys the port (or not); the free frames at the end.</summary>
    private static int FreeFramesAfter(DispatcherKind dispatcher, bool destroyPort)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        var code = MachMsgReturn.SendInvalidData;
        kit.Start(async env =>
        {
            var page = (ulong)env.Machine.PageSize;
            var port = await SelfPort(env);
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, 4 * page);
            await env.Mem.Write(at, Pattern(1, 4 * (int)page));
            code = (await env.Send(Carrying(port, new MsgItem.Memory(at, 4 * page, Deallocate: true)))).Return;
            if (destroyPort) await env.PortDestroy(port);
        });
        kit.RunToEnd();
        Assert.Equal(MachMsgReturn.Success, code);
        return kit.Machine.Status.Vm.FreeFrames;
    }

    private static async Task<KernReturn> VmAllocateFixed(MachActors.Kernel.User.MachEnv env, ulong address, ulong size) =>
        (await env.VmAllocate(env.TaskSelf, address, size, anywhere: false)).Code;
}
