using MachActors.Actors.Dispatch;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.User;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>
/// Copy-on-write under memory pressure on whole machines: three generations of tasks (parent, child,
/// grandchild) write parts of one copied region on a machine with fewer frames than their pages, so the
/// daemon pages out shadow and backing pages while they write; each reads back exactly its own view.
/// </summary>
public sealed class CowPagingTests
{
    private const int Frames = 48;
    private const int Pages = 40;

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    private static byte[] Pattern(int page, int generation, int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++) bytes[i] = (byte)((page * 31) + (generation * 101) + (i * 7) + 1);
        return bytes;
    }

    private static async Task WritePages(MachEnv env, ulong data, int generation, Func<int, bool> which)
    {
        var page = env.Machine.PageSize;
        for (var p = 0; p < Pages; p++)
        {
            if (which(p)) await env.Mem.Write(data + (ulong)(p * page), Pattern(p, generation, page));
        }
    }

    /// <summary>The pages that do not read as <paramref name="generationOf"/> says.</summary>
    private static async Task<List<int>> Mismatches(MachEnv env, ulong data, Func<int, int> generationOf)
    {
        var page = env.Machine.PageSize;
        var wrong = new List<int>();
        for (var p = 0; p < Pages; p++)
        {
            var read = await env.Mem.Read(data + (ulong)(p * page), page);
            if (!read.AsSpan().SequenceEqual(Pattern(p, generationOf(p), page))) wrong.Add(p);
        }
        return wrong;
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void ForkWrites_UnderMemoryPressure_EveryTaskReadsItsOwnView(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher, config: PagingTests.SwapMachine(Frames));
        List<int>? parentWrong = null, childWrong = null, grandchildWrong = null;
        kit.Start(async env =>
        {
            var (code, data) = await env.VmAllocate(env.TaskSelf, 0, (ulong)(Pages * env.Machine.PageSize));
            Assert.Equal(KernReturn.Success, code);
            await WritePages(env, data, 0, _ => true);
            await CowTests.Fork(env, async child =>
            {
                await WritePages(child, data, 1, p => p % 2 == 0);
                await CowTests.Fork(child, async grandchild =>
                {
                    await WritePages(grandchild, data, 2, p => p % 3 == 0);
                    grandchildWrong = await Mismatches(grandchild, data, p => p % 3 == 0 ? 2 : p % 2 == 0 ? 1 : 0);
                    return null;
                });
                childWrong = await Mismatches(child, data, p => p % 2 == 0 ? 1 : 0);
                return null;
            });
            await WritePages(env, data, 3, p => p % 2 == 1);
            parentWrong = await Mismatches(env, data, p => p % 2 == 1 ? 3 : 0);
        });
        kit.RunToEnd(Duration.FromSeconds(300));

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal([], parentWrong);
        Assert.Equal([], childWrong);
        Assert.Equal([], grandchildWrong);
        var vm = kit.Machine.Status.Vm;
        Assert.True(vm.Pageouts > 0, $"pageouts {vm.Pageouts}");
        Assert.True(vm.Pageins > 0, $"pageins {vm.Pageins}");
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void CopyOfSharedRegion_WrittenUnderMemoryPressure_CopyKeepsTheOldBytes(DispatcherKind dispatcher)
    {
        // The source's pages are paged out and in while it pushes them into the copy object.
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher, config: PagingTests.SwapMachine(Frames));
        List<int>? sourceWrong = null, copyWrong = null;
        kit.Start(async env =>
        {
            var (data, flags) = await CowTests.Setup(env, VmInherit.Share, Pages);
            await WritePages(env, data, 0, _ => true);
            await CowTests.Fork(env, _ => Task.FromResult<object?>(null)); // the region is shared from now on
            Assert.Equal(KernReturn.Success, await env.VmInherit(env.TaskSelf, data, (ulong)(Pages * env.Machine.PageSize), VmInherit.Copy));
            await CowTests.Fork(env, async copier =>
            {
                await CowCopyObjectTests.Await(copier, flags, 0);
                await WritePages(copier, data, 2, p => p % 2 == 0);
                copyWrong = await Mismatches(copier, data, p => p % 2 == 0 ? 2 : 0);
                return null;
            });
            await WritePages(env, data, 1, _ => true);
            await CowCopyObjectTests.Set(env, flags, 0);
            sourceWrong = await Mismatches(env, data, _ => 1);
        });
        kit.RunToEnd(Duration.FromSeconds(300));

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Equal([], sourceWrong);
        Assert.Equal([], copyWrong);
        Assert.True(kit.Machine.Status.Vm.Pageouts > 0, $"pageouts {kit.Machine.Status.Vm.Pageouts}");
    }
}
