using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Hardware.Device;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Vm;
using MachActors.Tests.Unit.Kernel.Vm.Pagers;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>External pagers on whole machines: vm_map of a pager's memory object, pagein, data_return at unmap and under memory pressure, sharing, copies, lock_request and data_unlock.</summary>
public sealed class ExternalPagerTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    private static Func<PagerLog, int, Props> Good(bool mayCache = false) => (log, size) => Props.Create(() => new TestPager(log, size, mayCache));

    private static byte[] Bytes(byte seed, int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(seed + i))];

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void VmMap_ReadWriteUnmapRemap_SuppliedDataReturnedAtUnmapAndFreshInitAfterTerminate(DispatcherKind dispatcher)
    {
        using var x = new ExternalPagerKit(dispatcher, Good());
        var size = x.PageSize;
        byte[] first = [], again = [];
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, 2);
            first = await env.Mem.Read(at, size);
            await env.Mem.Write(at + (ulong)size, Bytes(9, size));
            Assert.Equal(KernReturn.Success, await env.VmDeallocate(env.TaskSelf, at, (ulong)(2 * size)));
            var remapped = await ExternalPagerKit.Map(env, 2);
            again = await env.Mem.Read(remapped + (ulong)size, size);
        });
        x.Kit.RunToEnd();

        Assert.Equal(TestPager.Pattern(ExternalPagerKit.Key, 0, size), first);
        Assert.Equal(Bytes(9, size), again); // returned at unmap, supplied again after the fresh init
        var kinds = x.Log.Kinds();
        var returned = Assert.Single(x.Log.Of<DataReturn>()); // the clean page 0 is not returned
        Assert.Equal((long)size, returned.Offset);
        Assert.True(returned.Dirty);
        var inits = x.Log.Of<MemoryObjectInit>();
        Assert.Equal(2, inits.Count);
        Assert.All(inits, i => Assert.Equal(ExternalPagerKit.Key, i.Key));
        Assert.NotEqual(inits[0].Control, inits[1].Control);
        var terminate = kinds.IndexOf(nameof(Terminate));
        Assert.True(kinds.IndexOf(nameof(DataReturn)) < terminate && terminate < kinds.LastIndexOf(nameof(MemoryObjectInit)), string.Join(",", kinds));
        Assert.Empty(x.Kit.Machine.Status.Faults);
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void VmMap_TwoTasks_OneVmObjectSeesEachOthersWrites(DispatcherKind dispatcher)
    {
        using var x = new ExternalPagerKit(dispatcher, Good());
        var size = x.PageSize;
        byte[] seenByB = [], seenByA = [];
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, 2);
            await env.Mem.Write(at, Bytes(1, size));
            await MachineKit.ComputeMs(env, 40);
            seenByA = await env.Mem.Read(at + (ulong)size, size);
        }, "a");
        x.Kit.Start(async env =>
        {
            await MachineKit.ComputeMs(env, 20);
            var at = await ExternalPagerKit.Map(env, 2);
            seenByB = await env.Mem.Read(at, size);
            await env.Mem.Write(at + (ulong)size, Bytes(2, size));
        }, "b");
        x.Kit.RunToEnd();

        Assert.Equal(Bytes(1, size), seenByB);
        Assert.Equal(Bytes(2, size), seenByA);
        Assert.Single(x.Log.Of<MemoryObjectInit>()); // one VM object for the memory object
        Assert.Equal(2, x.Log.Of<DataRequest>().Count);
        Assert.Empty(x.Kit.Machine.Status.Faults);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void VmMap_Copy_WritesStayInTheCopy(DispatcherKind dispatcher)
    {
        using var x = new ExternalPagerKit(dispatcher, Good());
        var size = x.PageSize;
        byte[] copyRead = [], originalRead = [];
        x.Kit.Start(async env =>
        {
            var copy = await ExternalPagerKit.Map(env, 1, copy: true);
            await env.Mem.Write(copy, Bytes(3, size));
            copyRead = await env.Mem.Read(copy, size);
            var original = await ExternalPagerKit.Map(env, 1);
            originalRead = await env.Mem.Read(original, size);
        });
        x.Kit.RunToEnd();

        Assert.Equal(Bytes(3, size), copyRead);
        Assert.Equal(TestPager.Pattern(ExternalPagerKit.Key, 0, size), originalRead);
        Assert.DoesNotContain(x.Log.Of<DataReturn>(), r => r.Data.AsSpan().SequenceEqual(Bytes(3, size)));
        Assert.Empty(x.Kit.Machine.Status.Faults);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void VmMap_MayCache_UnmapKeepsTheObjectAndItsPages(DispatcherKind dispatcher)
    {
        using var x = new ExternalPagerKit(dispatcher, Good(mayCache: true));
        var size = x.PageSize;
        byte[] again = [];
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, 1);
            await env.Mem.Write(at, Bytes(4, size));
            await env.VmDeallocate(env.TaskSelf, at, (ulong)size);
            var remapped = await ExternalPagerKit.Map(env, 1);
            again = await env.Mem.Read(remapped, size);
        });
        x.Kit.RunToEnd();

        Assert.Equal(Bytes(4, size), again);
        Assert.Single(x.Log.Of<MemoryObjectInit>());
        Assert.Empty(x.Log.Of<Terminate>());
        Assert.Empty(x.Log.Of<DataReturn>());
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Eviction_MemoryPressure_DirtyPagesGoBackToTheirOwnPager(DispatcherKind dispatcher)
    {
        const int pages = 96;
        var config = new MachineConfig { FrameCount = 64, Disks = [new DiskConfig { Name = "swap" }], SwapDisk = "swap" };
        using var x = new ExternalPagerKit(dispatcher, Good(), config);
        var size = x.PageSize;
        var mismatches = new List<int>();
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, pages);
            for (var i = 0; i < pages; i++) await env.Mem.Write(at + (ulong)(i * size), Bytes((byte)i, size));
            for (var i = 0; i < pages; i++)
            {
                if (!(await env.Mem.Read(at + (ulong)(i * size), size)).AsSpan().SequenceEqual(Bytes((byte)i, size))) mismatches.Add(i);
            }
        });
        x.Kit.RunToEnd(Duration.FromSeconds(60));

        Assert.Empty(mismatches);
        Assert.Empty(x.Kit.Machine.Status.Faults);
        var returns = x.Log.Of<DataReturn>();
        Assert.True(returns.Count >= pages - 64, $"data_returns {returns.Count}");
        Assert.All(returns, r => Assert.True(r.Dirty));
        Assert.True(returns.Count >= x.Kit.Machine.Status.Vm.Pageouts, $"pageouts {x.Kit.Machine.Status.Vm.Pageouts}, returns {returns.Count}"); // every pageout went to this pager
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void LockRequest_WriteLockAndReturn_PagerGetsLatestBytesThenWriteAsksDataUnlock(DispatcherKind dispatcher)
    {
        using var x = new ExternalPagerKit(dispatcher, Good());
        var size = x.PageSize;
        var written = false;
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, 1);
            await env.Mem.Write(at, Bytes(5, size));
            written = true;
            await MachineKit.ComputeMs(env, 50);
            await env.Mem.Write(at, Bytes(6, size)); // write-locked now: data_unlock, then the pager relaxes the lock
            await env.VmDeallocate(env.TaskSelf, at, (ulong)size);
        });
        x.Kit.Sys.RunUntil(() => written, Duration.FromSeconds(1));
        x.Pager.Tell(new PagerCommand(p =>
        {
            var control = p.Control(ExternalPagerKit.Key);
            p.Send(new LockRequest(control, 0, size, LockReturnPolicy.Dirty, false, VmProt.Write, p.Me));
        }));
        x.Kit.RunToEnd();
        x.Kit.RunFor(MachineKit.Ms(100)); // the object's termination follows the unmap

        var kinds = x.Log.Kinds();
        var completed = kinds.IndexOf(nameof(LockCompleted));
        var returned = kinds.IndexOf(nameof(DataReturn));
        Assert.True(returned >= 0 && returned < completed && completed < kinds.IndexOf(nameof(DataUnlock)), string.Join(",", kinds));
        var first = x.Log.Of<DataReturn>()[0];
        Assert.Equal(Bytes(5, size), first.Data.ToArray()); // the bytes written just before the lock
        Assert.True(first.KernelCopy);
        Assert.Equal(VmProt.Write, x.Log.Of<DataUnlock>()[0].DesiredAccess & VmProt.Write);
        Assert.Equal(Bytes(6, size), x.Log.Of<DataReturn>()[^1].Data.ToArray()); // the write went on and came back at termination
        Assert.Empty(x.Kit.Machine.Status.Faults);
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Precious_CleanPageAtUnmap_ReturnedNotDirty(DispatcherKind dispatcher)
    {
        using var x = new ExternalPagerKit(dispatcher, (log, size) => Props.Create(() => new PreciousPager(log, size)));
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, 1);
            await env.Mem.Read(at, 8);
            await env.VmDeallocate(env.TaskSelf, at, (ulong)env.Machine.PageSize);
        });
        x.Kit.RunToEnd();
        x.Kit.RunFor(MachineKit.Ms(100)); // the object's termination follows the unmap

        var returned = Assert.Single(x.Log.Of<DataReturn>());
        Assert.False(returned.Dirty);
        Assert.Equal(TestPager.Pattern(ExternalPagerKit.Key, 0, x.PageSize), returned.Data.ToArray());
    }
    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void VmMap_IntoAnotherTask_TheMemoryObjectIsNamedInTheCallersSpace(DispatcherKind dispatcher)
    {
        using var x = new ExternalPagerKit(dispatcher, Good());
        var size = x.PageSize;
        byte[] childRead = [];
        var codes = new List<KernReturn>();
        x.Kit.Start(async env =>
        {
            var mo = await ExternalPagerKit.LookUp(env); // a name in the parent's space only
            var (created, child) = await env.TaskCreate(env.TaskSelf, "child");
            Assert.Equal(KernReturn.Success, created);
            var (code, at) = await env.VmMap(child, 0, (ulong)size, 0, true, mo, 0, false);
            codes.Add(code);
            codes.Add((await env.VmMap(new PortName(0x7777), 0, (ulong)size, 0, true, mo, 0, false)).Code); // no such task name
            codes.Add((await env.VmMap(mo, 0, (ulong)size, 0, true, mo, 0, false)).Code); // a port that is no task
            var (started, thread) = await env.ThreadCreate(child, async c =>
            {
                childRead = await c.Mem.Read(at, size);
                return null;
            }, "child-main");
            Assert.Equal(KernReturn.Success, started);
            Assert.Equal(KernReturn.Success, await env.ThreadResume(thread));
            await MachineKit.ComputeMs(env, 20);
        });
        x.Kit.RunToEnd();

        Assert.Equal([KernReturn.Success, KernReturn.InvalidName, KernReturn.InvalidTask], codes);
        Assert.Equal(TestPager.Pattern(ExternalPagerKit.Key, 0, size), childRead);
        Assert.Empty(x.Kit.Machine.Status.Faults);
        x.Kit.AssertNoActorFailures();
    }
}
