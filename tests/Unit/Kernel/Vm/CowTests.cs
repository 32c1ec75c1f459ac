using MachActors.Actors.Dispatch;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>
/// Fork through whole machines (task_create with inherit_memory): copy-on-write isolation (property b),
/// share inheritance, none inheritance, and memory that outlives the task that made it. Parent and child
/// meet through a page both share: each sets its flag and spins (computing) until the other's is set.
/// </summary>
public sealed class CowTests
{
    private const int Pages = 2;

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    private static byte[] Pattern(byte seed, int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(seed + (i * 3)))];

    /// <summary>Allocates <paramref name="pages"/> pages of data (inheritance as given) and the shared flags page; returns (data, flags).</summary>
    internal static async Task<(ulong Data, ulong Flags)> Setup(MachEnv env, VmInherit inheritance, int pages = Pages)
    {
        var page = (ulong)env.Machine.PageSize;
        var (_, data) = await env.VmAllocate(env.TaskSelf, 0, (ulong)pages * page);
        var (_, flags) = await env.VmAllocate(env.TaskSelf, 0, page);
        Assert.Equal(KernReturn.Success, await env.VmInherit(env.TaskSelf, data, (ulong)pages * page, inheritance));
        Assert.Equal(KernReturn.Success, await env.VmInherit(env.TaskSelf, flags, page, VmInherit.Share));
        return (data, flags);
    }

    /// <summary>Forks the calling task and runs <paramref name="body"/> in the child.</summary>
    internal static async Task Fork(MachEnv env, ThreadBody body)
    {
        var (code, child) = await env.TaskCreate(env.TaskSelf, "child", inheritMemory: true);
        Assert.Equal(KernReturn.Success, code);
        var (created, thread) = await env.ThreadCreate(child, body, "child-main");
        Assert.Equal(KernReturn.Success, created);
        Assert.Equal(KernReturn.Success, await env.ThreadResume(thread));
    }

    /// <summary>Sets flag <paramref name="mine"/>, then waits until flag <paramref name="theirs"/> is set.</summary>
    internal static async Task Meet(MachEnv env, ulong flags, int mine, int theirs)
    {
        await env.Mem.Write(flags + (ulong)mine, [1]);
        while ((await env.Mem.Read(flags + (ulong)theirs, 1))[0] == 0) await env.Compute(1_000);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Write_AfterForkWithCopy_NeitherSeesTheOthersWrites(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        byte[] parentBefore = [], parentAfter = [], childBefore = [], childAfter = [];
        var size = 0;
        kit.Start(async env =>
        {
            size = Pages * env.Machine.PageSize;
            var (data, flags) = await Setup(env, VmInherit.Copy);
            await env.Mem.Write(data, Pattern(1, size));
            await Fork(env, async child =>
            {
                childBefore = await child.Mem.Read(data, size);
                await child.Mem.Write(data, Pattern(50, size));
                await Meet(child, flags, 0, 1);
                childAfter = await child.Mem.Read(data, size);
                return null;
            });
            parentBefore = await env.Mem.Read(data, size);
            await env.Mem.Write(data, Pattern(100, size));
            await Meet(env, flags, 1, 0);
            parentAfter = await env.Mem.Read(data, size);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(Pattern(1, size), parentBefore);
        Assert.Equal(Pattern(1, size), childBefore);
        Assert.Equal(Pattern(100, size), parentAfter);
        Assert.Equal(Pattern(50, size), childAfter);
    }

    [Fact]
    public void Write_AfterForkWithShare_BothSeeEachOthersWrites()
    {
        using var kit = new MachineKit(cpus: 2);
        byte[] parentSaw = [], childSaw = [];
        kit.Start(async env =>
        {
            var (data, flags) = await Setup(env, VmInherit.Share);
            await env.Mem.Write(data, [7]);
            await Fork(env, async child =>
            {
                await child.Mem.Write(data + 1, [8]);
                await Meet(child, flags, 0, 1);
                childSaw = await child.Mem.Read(data, 3);
                return null;
            });
            await env.Mem.Write(data + 2, [9]);
            await Meet(env, flags, 1, 0);
            parentSaw = await env.Mem.Read(data, 3);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(new byte[] { 7, 8, 9 }, parentSaw);
        Assert.Equal(new byte[] { 7, 8, 9 }, childSaw);
    }

    [Fact]
    public void Read_AfterForkWithNone_ChildRaisesBadAccess()
    {
        using var kit = new MachineKit();
        ulong address = 0;
        kit.Start(async env =>
        {
            var (data, _) = await Setup(env, VmInherit.None);
            address = data;
            await env.Mem.Write(data, [1]);
            await Fork(env, async child =>
            {
                await child.Mem.Read(data, 1);
                kit.Log.Enqueue("not reached");
                return null;
            });
        });
        kit.RunToEnd();

        var fault = Assert.Single(kit.Machine.Status.Faults);
        Assert.Equal(new MachException(ExceptionType.BadAccess, (int)KernReturn.InvalidAddress, (int)address), fault.Exception);
        Assert.Empty(kit.Log);
    }

    [Fact]
    public void Read_ChildAfterParentTerminated_KeepsItsMemory()
    {
        using var kit = new MachineKit();
        byte[] seen = [], rewritten = [];
        var size = 0;
        kit.Start(async env =>
        {
            size = Pages * env.Machine.PageSize;
            var (data, _) = await Setup(env, VmInherit.Copy);
            await env.Mem.Write(data, Pattern(5, size));
            await Fork(env, async child =>
            {
                await child.Compute(MachineKit.CyclesPerMs * 10); // the parent is gone by then
                seen = await child.Mem.Read(data, size);
                await child.Mem.Write(data, Pattern(9, size));
                rewritten = await child.Mem.Read(data, size);
                return null;
            });
            await env.TaskTerminate(env.TaskSelf);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(Pattern(5, size), seen);
        Assert.Equal(Pattern(9, size), rewritten);
    }
}
