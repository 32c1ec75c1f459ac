using MachActors.Actors.Dispatch;
using MachActors.Kernel;
using MachActors.Kernel.User;
using MachActors.Kernel.Vm;
using MachActors.Tests.Unit.Kernel.Vm.Pagers;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>
/// Copies of shared memory (copy objects, COPY_DELAY) on whole machines: a fork with copy inheritance
/// of a share-inherited region, vm_copy of shared memory, and vm_map with copy of an external pager's
/// object keep the bytes of the moment of the copy while a sharer writes afterwards through a mapping
/// it had made writable before the copy, and the copy reads the source's frames before that write.
/// </summary>
public sealed class CowCopyObjectTests
{
    private const int Pages = 2;

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    private static byte[] Pattern(byte seed, int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(seed + (i * 11)))];

    /// <summary>Waits until flag <paramref name="flag"/> is set.</summary>
    internal static async Task Await(MachEnv env, ulong flags, int flag)
    {
        while ((await env.Mem.Read(flags + (ulong)flag, 1))[0] == 0) await env.Compute(1_000);
    }

    /// <summary>Sets flag <paramref name="flag"/>.</summary>
    internal static Task Set(MachEnv env, ulong flags, int flag) => env.Mem.Write(flags + (ulong)flag, [1]);

    /// <summary>
    /// Forks a sharer of <paramref name="data"/> that writes <paramref name="before"/> (its mapping is then
    /// writable), sets flag 0, waits for flag 1, writes <paramref name="after"/>, sets flag 2, waits for
    /// flag 3 and reads the data into <paramref name="saw"/>.
    /// </summary>
    private static Task ForkSharer(MachEnv env, ulong data, ulong flags, int size, byte[] before, byte[] after, Action<byte[]> saw) =>
        CowTests.Fork(env, async sharer =>
        {
            await sharer.Mem.Write(data, before);
            await Set(sharer, flags, 0);
            await Await(sharer, flags, 1);
            await sharer.Mem.Write(data, after);
            await Set(sharer, flags, 2);
            await Await(sharer, flags, 3);
            saw(await sharer.Mem.Read(data, size));
            return null;
        });

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void ForkCopy_OfSharedRegion_SharerWritesAfter_ChildReadsPreForkBytes(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        byte[] childFirst = [], childAfter = [], childOwn = [], sharerSaw = [], parentSaw = [];
        var size = 0;
        kit.Start(async env =>
        {
            size = Pages * env.Machine.PageSize;
            var (data, flags) = await CowTests.Setup(env, VmInherit.Share, Pages);
            await ForkSharer(env, data, flags, size, Pattern(1, size), Pattern(2, size), b => sharerSaw = b);
            await Await(env, flags, 0);
            Assert.Equal(KernReturn.Success, await env.VmInherit(env.TaskSelf, data, (ulong)size, VmInherit.Copy));
            await CowTests.Fork(env, async child =>
            {
                childFirst = await child.Mem.Read(data, size); // maps the shared object's frames through the copy
                await Set(child, flags, 1);
                await Await(child, flags, 2);
                childAfter = await child.Mem.Read(data, size);
                await child.Mem.Write(data, Pattern(3, size));
                childOwn = await child.Mem.Read(data, size);
                await Set(child, flags, 3);
                return null;
            });
            await Await(env, flags, 3);
            parentSaw = await env.Mem.Read(data, size);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(Pattern(1, size), childFirst);
        Assert.Equal(Pattern(1, size), childAfter);
        Assert.Equal(Pattern(3, size), childOwn);
        Assert.Equal(Pattern(2, size), sharerSaw);
        Assert.Equal(Pattern(2, size), parentSaw);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void VmCopy_OfSharedRegion_SharerWritesAfter_CopyKeepsItsBytes(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        byte[] copyFirst = [], copyAfter = [], sharerSaw = [], sourceSaw = [];
        var code = KernReturn.Failure;
        var size = 0;
        kit.Start(async env =>
        {
            size = Pages * env.Machine.PageSize;
            var (data, flags) = await CowTests.Setup(env, VmInherit.Share, Pages);
            var (_, destination) = await env.VmAllocate(env.TaskSelf, 0, (ulong)size);
            await ForkSharer(env, data, flags, size, Pattern(1, size), Pattern(2, size), b => sharerSaw = b);
            await Await(env, flags, 0);
            code = await env.VmCopy(env.TaskSelf, data, (ulong)size, destination);
            copyFirst = await env.Mem.Read(destination, size);
            await Set(env, flags, 1);
            await Await(env, flags, 2);
            copyAfter = await env.Mem.Read(destination, size);
            sourceSaw = await env.Mem.Read(data, size);
            await Set(env, flags, 3);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(KernReturn.Success, code);
        Assert.Equal(Pattern(1, size), copyFirst);
        Assert.Equal(Pattern(1, size), copyAfter);
        Assert.Equal(Pattern(2, size), sourceSaw);
        Assert.Equal(Pattern(2, size), sharerSaw);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void ForkCopy_OfMappedMemoryObject_ParentStillWritesTheObjectAndChildKeepsItsBytes(DispatcherKind dispatcher)
    {
        // A vm_map entry of a memory object is shared with every other mapper of it: a fork copies it
        // (a copy object), and the parent's later writes still reach the object.
        using var x = new ExternalPagerKit(dispatcher, (log, size) => Props.Create(() => new TestPager(log, size, false)));
        var size = Pages * x.PageSize;
        byte[] childSaw = [], remapped = [];
        x.Kit.Start(async env =>
        {
            var (_, flags) = await env.VmAllocate(env.TaskSelf, 0, (ulong)x.PageSize);
            Assert.Equal(KernReturn.Success, await env.VmInherit(env.TaskSelf, flags, (ulong)x.PageSize, VmInherit.Share));
            var mapped = await ExternalPagerKit.Map(env, Pages);
            await env.Mem.Write(mapped, Pattern(1, size));
            await CowTests.Fork(env, async child =>
            {
                await Await(child, flags, 0);
                childSaw = await child.Mem.Read(mapped, size);
                await Set(child, flags, 1);
                return null;
            });
            await env.Mem.Write(mapped, Pattern(2, size));
            await Set(env, flags, 0);
            await Await(env, flags, 1);
            var again = await ExternalPagerKit.Map(env, Pages);
            remapped = await env.Mem.Read(again, size);
        });
        x.Kit.RunToEnd();

        Assert.Empty(x.Kit.Machine.Status.Faults);
        Assert.Equal(Pattern(1, size), childSaw);
        Assert.Equal(Pattern(2, size), remapped);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void VmMapCopy_OfExternalObject_WrittenThroughSharedMappingAfter_CopyKeepsItsBytes(DispatcherKind dispatcher)
    {
        using var x = new ExternalPagerKit(dispatcher, (log, size) => Props.Create(() => new TestPager(log, size, false)));
        var size = Pages * x.PageSize;
        byte[] copyFirst = [], copyAfter = [], sharedSaw = [];
        x.Kit.Start(async env =>
        {
            var (_, flags) = await env.VmAllocate(env.TaskSelf, 0, (ulong)x.PageSize);
            Assert.Equal(KernReturn.Success, await env.VmInherit(env.TaskSelf, flags, (ulong)x.PageSize, VmInherit.Share));
            var shared = await ExternalPagerKit.Map(env, Pages);
            Assert.Equal(KernReturn.Success, await env.VmInherit(env.TaskSelf, shared, (ulong)size, VmInherit.Share));
            await CowTests.Fork(env, async writer =>
            {
                await writer.Mem.Write(shared, Pattern(1, size)); // writable mappings before the copy
                await Set(writer, flags, 0);
                await Await(writer, flags, 1);
                await writer.Mem.Write(shared, Pattern(2, size));
                await Set(writer, flags, 2);
                return null;
            });
            await Await(env, flags, 0);
            var copy = await ExternalPagerKit.Map(env, Pages, copy: true);
            copyFirst = await env.Mem.Read(copy, size);
            await Set(env, flags, 1);
            await Await(env, flags, 2);
            copyAfter = await env.Mem.Read(copy, size);
            sharedSaw = await env.Mem.Read(shared, size);
        });
        x.Kit.RunToEnd();

        Assert.Empty(x.Kit.Machine.Status.Faults);
        Assert.Equal(Pattern(1, size), copyFirst);
        Assert.Equal(Pattern(1, size), copyAfter);
        Assert.Equal(Pattern(2, size), sharedSaw);
    }
}
