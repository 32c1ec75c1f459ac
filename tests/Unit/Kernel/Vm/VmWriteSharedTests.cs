using MachActors.Actors.Dispatch;
using MachActors.Kernel;
using MachActors.Kernel.User;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>
/// vm_write and vm_copy into shared memory on whole machines: the shared object is written in place,
/// so every sharer sees the data (also through a mapping it made before), pages never touched and
/// zero-fill data included; a copy of the shared memory taken before keeps the old bytes.
/// </summary>
public sealed class VmWriteSharedTests
{
    private const int Pages = 3;

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    private static byte[] Pattern(byte seed, int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(seed + (i * 13)))];

    /// <summary>Forks a sharer that reads the data (mapping it), sets flag 0, waits for flag 1 and reads it again into <paramref name="saw"/>, then sets flag 2.</summary>
    private static Task ForkReader(MachEnv env, ulong data, ulong flags, int size, Action<byte[]> saw) =>
        CowTests.Fork(env, async sharer =>
        {
            await sharer.Mem.Read(data, size);
            await CowCopyObjectTests.Set(sharer, flags, 0);
            await CowCopyObjectTests.Await(sharer, flags, 1);
            saw(await sharer.Mem.Read(data, size));
            await CowCopyObjectTests.Set(sharer, flags, 2);
            return null;
        });

    /// <summary>Page 0 written with <paramref name="seed"/>, the others untouched (zeros).</summary>
    private static byte[] FirstPage(byte seed, int page) => [.. Pattern(seed, page), .. new byte[(Pages - 1) * page]];

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void VmWrite_IntoSharedRegion_EverySharerSeesTheData(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        byte[] mine = [], sharerSaw = [], expected = [];
        var code = KernReturn.Failure;
        kit.Start(async env =>
        {
            var page = env.Machine.PageSize;
            var size = Pages * page;
            var (data, flags) = await CowTests.Setup(env, VmInherit.Share, Pages);
            await env.Mem.Write(data, Pattern(1, page)); // pages 1 and 2 never touched
            await ForkReader(env, data, flags, size, b => sharerSaw = b);
            await CowCopyObjectTests.Await(env, flags, 0);
            var (_, buffer) = await env.VmAllocate(env.TaskSelf, 0, (ulong)size);
            expected = [.. Pattern(2, 2 * page), .. new byte[page]]; // the buffer's last page never written: zeros
            await env.Mem.Write(buffer, Pattern(2, 2 * page));
            code = await env.VmWrite(env.TaskSelf, data, buffer, (ulong)size);
            mine = await env.Mem.Read(data, size);
            await CowCopyObjectTests.Set(env, flags, 1);
            await CowCopyObjectTests.Await(env, flags, 2);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal(KernReturn.Success, code);
        Assert.Equal(expected, mine);
        Assert.Equal(expected, sharerSaw);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void VmCopy_OntoSharedRegionWithACopyOfIt_SharersSeeTheDataAndTheCopyKeepsTheOld(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        byte[] mine = [], sharerSaw = [], copyAfter = [], before = [];
        var codes = new List<KernReturn>();
        var size = 0;
        kit.Start(async env =>
        {
            var page = env.Machine.PageSize;
            size = Pages * page;
            var (data, flags) = await CowTests.Setup(env, VmInherit.Share, Pages);
            await env.Mem.Write(data, Pattern(1, page));
            await ForkReader(env, data, flags, size, b => sharerSaw = b);
            await CowCopyObjectTests.Await(env, flags, 0);
            var (_, copy) = await env.VmAllocate(env.TaskSelf, 0, (ulong)size);
            var (_, buffer) = await env.VmAllocate(env.TaskSelf, 0, (ulong)size);
            codes.Add(await env.VmCopy(env.TaskSelf, data, (ulong)size, copy)); // a copy object of the shared memory
            before = await env.Mem.Read(copy, page); // the copy maps the shared frame (read-only)
            await env.Mem.Write(buffer, Pattern(3, size));
            codes.Add(await env.VmCopy(env.TaskSelf, buffer, (ulong)size, data));
            mine = await env.Mem.Read(data, size);
            copyAfter = await env.Mem.Read(copy, size);
            await CowCopyObjectTests.Set(env, flags, 1);
            await CowCopyObjectTests.Await(env, flags, 2);
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal([KernReturn.Success, KernReturn.Success], codes);
        Assert.Equal(Pattern(1, size / Pages), before);
        Assert.Equal(Pattern(3, size), mine);
        Assert.Equal(Pattern(3, size), sharerSaw);
        Assert.Equal(FirstPage(1, size / Pages), copyAfter);
    }
}
