using MachActors.Actors.Dispatch;
using MachActors.Kernel;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>
/// Copy-on-write through longer chains on whole machines: memory copied before it is shared (a write
/// copied up into a shared shadow reaches every sharer).
/// </summary>
public sealed class CowChainTests
{
    private const int Pages = 2;

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    private static byte[] Pattern(byte seed, int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(seed + (i * 7)))];

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Write_ChildOfShareForkOfCopiedMemory_ParentSeesIt(DispatcherKind dispatcher)
    {
        // The shrunk case of property (a): the parent maps the copied pages' frames read-only before
        // the share fork; the child's write copies them up into the shared shadow.
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        byte[] before = [], parentSaw = [], childSaw = [];
        var code = KernReturn.Failure;
        var size = 0;
        kit.Start(async env =>
        {
            size = Pages * env.Machine.PageSize;
            var (data, flags) = await CowTests.Setup(env, VmInherit.Share);
            await env.Mem.Write(data, Pattern(1, size));
            code = await env.VmCopy(env.TaskSelf, data, (ulong)size, data);
            before = await env.Mem.Read(data, size);
            await CowTests.Fork(env, async child =>
            {
                await child.Mem.Write(data, Pattern(60, size));
                await CowTests.Meet(child, flags, 0, 1);
                childSaw = await child.Mem.Read(data, size);
                return null;
            });
            await CowTests.Meet(env, flags, 1, 0);
            parentSaw = await env.Mem.Read(data, size);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(KernReturn.Success, code);
        Assert.Equal(Pattern(1, size), before);
        Assert.Equal(Pattern(60, size), childSaw);
        Assert.Equal(Pattern(60, size), parentSaw);
    }
}
