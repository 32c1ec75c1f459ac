using MachActors.Actors.Dispatch;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.User;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>
/// vm_copy, vm_read and vm_write through whole machines: each makes a copy-on-write copy, so later
/// writes on either side stay apart; bad ranges, alignment and task ports give their codes.
/// </summary>
public sealed class VmCopyTests
{
    private const int Pages = 2;

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    private static byte[] Pattern(byte seed, int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(seed + (i * 5)))];

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void VmCopy_ThenWriteEitherSide_OtherKeepsItsData(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        var code = KernReturn.Failure;
        byte[] copied = [], copyAfter = [], sourceAfter = [];
        var size = 0;
        kit.Start(async env =>
        {
            size = Pages * env.Machine.PageSize;
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, 2 * (ulong)size);
            var destination = at + (ulong)size;
            await env.Mem.Write(at, Pattern(1, size));
            code = await env.VmCopy(env.TaskSelf, at, (ulong)size, destination);
            await env.Mem.Write(at, Pattern(2, size));
            copied = await env.Mem.Read(destination, size);
            await env.Mem.Write(destination, Pattern(3, size));
            copyAfter = await env.Mem.Read(destination, size);
            sourceAfter = await env.Mem.Read(at, size);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(KernReturn.Success, code);
        Assert.Equal(Pattern(1, size), copied);
        Assert.Equal(Pattern(3, size), copyAfter);
        Assert.Equal(Pattern(2, size), sourceAfter);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void VmReadAndVmWrite_OtherTask_SeeDataAndLaterWritesStayApart(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        var codes = new List<KernReturn>();
        byte[] read = [], childSaw = [], readAfter = [], childAfter = [], sourceAfter = [];
        var size = 0;
        kit.Start(async env =>
        {
            size = Pages * env.Machine.PageSize;
            var (_, source) = await env.VmAllocate(env.TaskSelf, 0, (ulong)size);
            await env.Mem.Write(source, Pattern(1, size));
            var (_, child) = await env.TaskCreate(env.TaskSelf, "child");
            var (_, there) = await env.VmAllocate(child, 0, (ulong)size);
            codes.Add(await env.VmWrite(child, there, source, (ulong)size));
            await env.Mem.Write(source, Pattern(2, size));
            var (readCode, copy) = await env.VmRead(child, there, (ulong)size);
            codes.Add(readCode);
            read = await env.Mem.Read(copy, size);
            await env.Mem.Write(copy, Pattern(3, size));
            var (_, thread) = await env.ThreadCreate(child, async c =>
            {
                childSaw = await c.Mem.Read(there, size);
                await c.Mem.Write(there, Pattern(4, size));
                return null;
            }, "child-main");
            await env.ThreadResume(thread);
            await env.CThreadJoin(thread);
            readAfter = await env.Mem.Read(copy, size);
            sourceAfter = await env.Mem.Read(source, size);
            var (againCode, again) = await env.VmRead(child, there, (ulong)size);
            codes.Add(againCode);
            childAfter = await env.Mem.Read(again, size);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal([KernReturn.Success, KernReturn.Success, KernReturn.Success], codes);
        Assert.Equal(Pattern(1, size), read);
        Assert.Equal(Pattern(1, size), childSaw);
        Assert.Equal(Pattern(3, size), readAfter);
        Assert.Equal(Pattern(2, size), sourceAfter);
        Assert.Equal(Pattern(4, size), childAfter);
    }

    [Fact]
    public void VmRead_UnalignedRange_CopyStartsAtTheSameOffset()
    {
        using var kit = new MachineKit();
        byte[] seen = [];
        var code = KernReturn.Failure;
        ulong offset = 0;
        kit.Start(async env =>
        {
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, (ulong)env.Machine.PageSize);
            await env.Mem.Write(at + 100, [1, 2, 3]);
            var (read, copy) = await env.VmRead(env.TaskSelf, at + 100, 3);
            code = read;
            offset = copy % (ulong)env.Machine.PageSize;
            seen = await env.Mem.Read(copy, 3);
        });
        kit.RunToEnd();

        Assert.Equal(KernReturn.Success, code);
        Assert.Equal(100UL, offset);
        Assert.Equal(new byte[] { 1, 2, 3 }, seen);
    }

    [Fact]
    public void VmCopyReadWrite_BadInputs_GiveTheirCodes()
    {
        using var kit = new MachineKit();
        var codes = new Dictionary<string, KernReturn>();
        kit.Start(async env =>
        {
            var page = (ulong)env.Machine.PageSize;
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, 4 * page);
            await env.VmDeallocate(env.TaskSelf, at + (3 * page), page);
            var hole = at + (3 * page);
            Assert.Equal(KernReturn.Success, await env.VmProtect(env.TaskSelf, at + (2 * page), page, false, VmProt.None));
            var receive = (await env.PortAllocate(PortRight.Receive)).Name;
            await env.PortInsertRight(receive, receive, MsgType.MakeSend);
            codes["copy unaligned"] = await env.VmCopy(env.TaskSelf, at + 1, page, at + page);
            codes["copy unmapped source"] = await env.VmCopy(env.TaskSelf, hole, page, at);
            codes["copy unmapped destination"] = await env.VmCopy(env.TaskSelf, at, page, hole);
            codes["copy unreadable"] = await env.VmCopy(env.TaskSelf, at + (2 * page), page, at);
            codes["read unmapped"] = (await env.VmRead(env.TaskSelf, hole, page)).Code;
            codes["read unreadable"] = (await env.VmRead(env.TaskSelf, at + (2 * page), page)).Code;
            codes["read bad name"] = (await env.VmRead(new PortName(0x7777), at, page)).Code;
            codes["read ordinary port"] = (await env.VmRead(receive, at, page)).Code;
            codes["write unaligned"] = await env.VmWrite(env.TaskSelf, at + 1, at + page, page);
            codes["write unmapped destination"] = await env.VmWrite(env.TaskSelf, hole, at, page);
            codes["write unreadable data"] = await env.VmWrite(env.TaskSelf, at, at + (2 * page), page);
            codes["write bad name"] = await env.VmWrite(new PortName(0x7777), at, at + page, page);
            codes["write ordinary port"] = await env.VmWrite(receive, at, at + page, page);
        });
        kit.RunToEnd();

        Assert.Equal(KernReturn.InvalidArgument, codes["copy unaligned"]);
        Assert.Equal(KernReturn.InvalidAddress, codes["copy unmapped source"]);
        Assert.Equal(KernReturn.InvalidAddress, codes["copy unmapped destination"]);
        Assert.Equal(KernReturn.ProtectionFailure, codes["copy unreadable"]);
        Assert.Equal(KernReturn.InvalidAddress, codes["read unmapped"]);
        Assert.Equal(KernReturn.ProtectionFailure, codes["read unreadable"]);
        Assert.Equal(KernReturn.InvalidName, codes["read bad name"]);
        Assert.Equal(KernReturn.InvalidTask, codes["read ordinary port"]);
        Assert.Equal(KernReturn.InvalidArgument, codes["write unaligned"]);
        Assert.Equal(KernReturn.InvalidAddress, codes["write unmapped destination"]);
        Assert.Equal(KernReturn.ProtectionFailure, codes["write unreadable data"]);
        Assert.Equal(KernReturn.InvalidName, codes["write bad name"]);
        Assert.Equal(KernReturn.InvalidTask, codes["write ordinary port"]);
    }
}
