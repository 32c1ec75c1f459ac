using MachActors.Actors.Dispatch;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>The fault path through whole machines: vm_allocate, Mem.Read/Write, protection, deallocation and TLB shootdown.</summary>
public sealed class VmFaultTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void ReadWrite_FreshAllocation_ZeroFilledThenReadsBackAcrossPages(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(dispatcher: dispatcher);
        byte[] before = [], after = [];
        kit.Start(async env =>
        {
            var page = (ulong)env.Machine.PageSize;
            var (code, at) = await env.VmAllocate(env.TaskSelf, 0, 3 * page);
            Assert.Equal(KernReturn.Success, code);
            before = await env.Mem.Read(at + page - 2, 8);
            await env.Mem.Write(at + page - 2, [1, 2, 3, 4, 5, 6, 7, 8]);
            after = await env.Mem.Read(at + page - 4, 12);
        });
        kit.RunToEnd();

        Assert.Equal(new byte[8], before);
        Assert.Equal(new byte[] { 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0 }, after);
        Assert.Empty(kit.Machine.Status.Faults);
    }

    [Fact]
    public void ReadWrite_TwoThreadsOfOneTask_ShareTheMemory()
    {
        using var kit = new MachineKit();
        object? seen = null;
        kit.Start(async env =>
        {
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, 4096);
            await env.Mem.Write(at + 100, [42]);
            var child = await env.CThreadFork(async e =>
            {
                var read = await e.Mem.Read(at + 100, 1);
                await e.Mem.Write(at + 200, [43]);
                return read[0];
            });
            seen = (await env.CThreadJoin(child)).Value;
            kit.Log.Enqueue("parent " + (await env.Mem.Read(at + 200, 1))[0]);
        });
        kit.RunToEnd();

        Assert.Equal((byte)42, seen);
        Assert.Equal(["parent 43"], kit.Log);
    }

    [Fact]
    public void Read_AnotherTaskSameAddress_DoesNotSeeTheWrite()
    {
        using var kit = new MachineKit();
        ulong address = 0;
        kit.Start(async env =>
        {
            (_, address) = await env.VmAllocate(env.TaskSelf, 0, 4096);
            await env.Mem.Write(address, [9, 9, 9]);
        });
        kit.RunToEnd();
        byte[] other = [];
        kit.Start(async env =>
        {
            var (code, _) = await env.VmAllocate(env.TaskSelf, address, 4096, anywhere: false);
            Assert.Equal(KernReturn.Success, code);
            other = await env.Mem.Read(address, 3);
        });
        kit.RunToEnd();

        Assert.Equal(new byte[3], other);
    }

    [Fact]
    public void Read_AfterDeallocate_RaisesBadAccessInvalidAddress()
    {
        using var kit = new MachineKit();
        ulong address = 0;
        kit.Start(async env =>
        {
            (_, address) = await env.VmAllocate(env.TaskSelf, 0, 4096);
            await env.Mem.Write(address, [1]);
            Assert.Equal(KernReturn.Success, await env.VmDeallocate(env.TaskSelf, address, 4096));
            await env.Mem.Read(address, 1);
            kit.Log.Enqueue("not reached");
        });
        kit.RunToEnd();

        var fault = Assert.Single(kit.Machine.Status.Faults);
        Assert.Equal(new MachException(ExceptionType.BadAccess, (int)KernReturn.InvalidAddress, (int)address), fault.Exception);
        Assert.Empty(kit.Log);
    }

    [Fact]
    public void Write_AfterProtectReadOnly_RaisesBadAccessProtectionFailure()
    {
        using var kit = new MachineKit();
        kit.Start(async env =>
        {
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, 4096);
            await env.Mem.Write(at, [5]);
            Assert.Equal(KernReturn.Success, await env.VmProtect(env.TaskSelf, at, 4096, false, VmProt.Read));
            kit.Log.Enqueue("read " + (await env.Mem.Read(at, 1))[0]);
            await env.Mem.Write(at, [6]);
            kit.Log.Enqueue("not reached");
        });
        kit.RunToEnd();

        Assert.Equal(["read 5"], kit.Log);
        var fault = Assert.Single(kit.Machine.Status.Faults);
        Assert.Equal(ExceptionType.BadAccess, fault.Exception!.Value.Type);
        Assert.Equal((int)KernReturn.ProtectionFailure, fault.Exception!.Value.Code);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Read_OtherCpuCachedEntry_NeverReadsAfterShootdownCompleted(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        kit.Start(async env =>
        {
            await env.ThreadBind(env.ThreadSelf, 0);
            var (_, at) = await env.VmAllocate(env.TaskSelf, 0, 4096);
            await env.Mem.Write(at, [0x5A]);
            await env.CThreadFork(async e =>
            {
                await e.ThreadBind(e.ThreadSelf, 1);
                for (var i = 0; ; i++)
                {
                    kit.Log.Enqueue($"start {i}");
                    var value = (await e.Mem.Read(at, 1))[0];
                    kit.Log.Enqueue($"ok {i} {value}");
                    await e.Compute(100);
                }
            });
            await env.Compute(MachineKit.CyclesPerMs); // the reader caches the translation on cpu1
            await env.VmDeallocate(env.TaskSelf, at, 4096);
            kit.Log.Enqueue("deallocated");
            var (_, again) = await env.VmAllocate(env.TaskSelf, at + 0x100000, 4096, anywhere: false); // may get the freed frame
            await env.Mem.Write(again, [0xEE]);
            await env.Compute(MachineKit.CyclesPerMs);
        });
        kit.RunToEnd();

        var log = kit.Log.ToList();
        var done = log.IndexOf("deallocated");
        Assert.True(done > 0);
        Assert.Contains(log.Take(done), l => l.StartsWith("ok ", StringComparison.Ordinal));
        Assert.All(log.Where(l => l.StartsWith("ok ", StringComparison.Ordinal)), l => Assert.EndsWith(" 90", l));
        foreach (var start in log.Skip(done + 1).Where(l => l.StartsWith("start ", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("ok " + start["start ".Length..] + " 90", log);
        }
        var fault = Assert.Single(kit.Machine.Status.Faults);
        Assert.Equal((int)KernReturn.InvalidAddress, fault.Exception!.Value.Code);
    }
}
