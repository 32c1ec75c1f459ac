using System.Collections.Immutable;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Vm;
using MachActors.Tests.Unit.Kernel.Vm.Pagers;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>Hostile pagers and bad vm_map input on whole machines: the kernel never throws, faults end in EXC_BAD_ACCESS or the right data, other memory is not touched.</summary>
public sealed class HostilePagerTests
{
    private static readonly Duration Timeout = Duration.FromSeconds(2);

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    private static MachineConfig Config => new() { PagerTimeout = Timeout };

    private static ExternalPagerKit Make<T>(DispatcherKind dispatcher, Func<PagerLog, int, T> make)
        where T : TestPager => new(dispatcher, (log, size) => Props.Create(() => make(log, size)), Config);

    /// <summary>A program reads page 0 of the memory object; the one fault is returned.</summary>
    private static ThreadFaulted ReadFaults(ExternalPagerKit x)
    {
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, 1);
            await env.Mem.Read(at, 8);
        });
        x.Kit.RunToEnd(Duration.FromSeconds(30));
        var fault = Assert.Single(x.Kit.Machine.Status.Faults);
        Assert.Equal(ExceptionType.BadAccess, fault.Exception!.Value.Type);
        Assert.Equal((int)KernReturn.MemoryError, fault.Exception!.Value.Code);
        return fault;
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Silence_NoReadyAfterInit_BadAccessAfterTheTimeout(DispatcherKind dispatcher)
    {
        using var x = Make(dispatcher, (log, size) => new MuteInitPager(log, size));

        var fault = ReadFaults(x);

        Assert.True(fault.At - VirtualTime.Zero >= Timeout, $"faulted at {fault.At}");
        Assert.Empty(x.Log.Of<DataRequest>());
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Silence_NoAnswerToDataRequest_BadAccessAfterTheTimeout(DispatcherKind dispatcher)
    {
        using var x = Make(dispatcher, (log, size) => new SilentPager(log, size));

        var fault = ReadFaults(x);

        Assert.True(fault.At - VirtualTime.Zero >= Timeout, $"faulted at {fault.At}");
        Assert.Single(x.Log.Of<DataRequest>());
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Silence_NoAnswerToDataUnlock_WriteTakesBadAccessAfterTheTimeout(DispatcherKind dispatcher)
    {
        using var x = Make(dispatcher, (log, size) => new SilentUnlockPager(log, size));
        byte[] read = [];
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, 1);
            read = await env.Mem.Read(at, 4); // the page comes in write-locked
            await env.Mem.Write(at, [9]); // data_unlock, never answered
        });
        x.Kit.RunToEnd(Duration.FromSeconds(30));

        Assert.Equal(TestPager.Pattern(ExternalPagerKit.Key, 0, x.PageSize).Take(4), read);
        var fault = Assert.Single(x.Kit.Machine.Status.Faults);
        Assert.Equal((ExceptionType.BadAccess, (int)KernReturn.MemoryError), (fault.Exception!.Value.Type, fault.Exception!.Value.Code));
        Assert.True(fault.At - VirtualTime.Zero >= Timeout, $"faulted at {fault.At}");
        Assert.Single(x.Log.Of<DataUnlock>());
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void DataError_FaultTakesBadAccessAtOnce(DispatcherKind dispatcher)
    {
        using var x = Make(dispatcher, (log, size) => new ErrorPager(log, size));

        var fault = ReadFaults(x);

        Assert.True(fault.At - VirtualTime.Zero < Timeout, $"faulted at {fault.At}");
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void MalformedSupply_WrongSize_IgnoredAndTheFaultTimesOut(DispatcherKind dispatcher)
    {
        using var x = Make(dispatcher, (log, size) => new MalformedSupplyPager(log, size, unaligned: false));

        var fault = ReadFaults(x);

        Assert.True(fault.At - VirtualTime.Zero >= Timeout, $"faulted at {fault.At}");
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void MalformedSupply_UnalignedOffset_IgnoredAndTheFaultTimesOut(DispatcherKind dispatcher)
    {
        using var x = Make(dispatcher, (log, size) => new MalformedSupplyPager(log, size, unaligned: true));

        var fault = ReadFaults(x);

        Assert.True(fault.At - VirtualTime.Zero >= Timeout, $"faulted at {fault.At}");
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void DuplicateSupply_SecondRefusedWithMemoryPresent_DataStaysTheFirst(DispatcherKind dispatcher)
    {
        using var x = Make(dispatcher, (log, size) => new DuplicateSupplyPager(log, size));
        byte[] read = [];
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, 1);
            read = await env.Mem.Read(at, env.Machine.PageSize);
        });
        x.Kit.RunToEnd();

        Assert.Equal(TestPager.Pattern(ExternalPagerKit.Key, 0, x.PageSize), read);
        var completions = x.Log.Of<SupplyCompleted>();
        Assert.Equal([KernReturn.Success, KernReturn.MemoryPresent], completions.Select(c => c.Result));
        Assert.Equal(0, completions[1].ErrorOffset);
        Assert.Empty(x.Kit.Machine.Status.Faults);
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void UnsolicitedSupply_NothingResident_AcceptedAndNoRequestGoesOut(DispatcherKind dispatcher)
    {
        using var x = Make(dispatcher, (log, size) => new EagerPager(log, size));
        byte[] read = [];
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, 2);
            read = await env.Mem.Read(at + (ulong)env.Machine.PageSize, 4);
        });
        x.Kit.RunToEnd();

        Assert.Equal(Enumerable.Repeat(EagerPager.Unsolicited, 4), read);
        Assert.Empty(x.Log.Of<DataRequest>());
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void StaleAndUnknownControl_AfterTerminate_NotAppliedToTheNewIncarnation(DispatcherKind dispatcher)
    {
        using var x = Make(dispatcher, (log, size) => new TestPager(log, size));
        var size = x.PageSize;
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, 1);
            await env.Mem.Read(at, 4);
            await env.VmDeallocate(env.TaskSelf, at, (ulong)size);
        });
        x.Kit.RunToEnd();
        x.Kit.RunFor(MachineKit.Ms(50));
        Assert.Single(x.Log.Of<Terminate>());
        var old = x.Log.Of<MemoryObjectInit>()[0].Control;
        ImmutableArray<byte> junk = [.. Enumerable.Repeat((byte)0xEE, size)];
        x.Pager.Tell(new PagerCommand(p =>
        {
            p.Send(new DataSupply(old, 0, [junk], VmProt.None, false, null));
            p.Send(new DataSupply(old with { Id = 999 }, 0, [junk], VmProt.None, false, null));
        }));
        x.Kit.RunFor(MachineKit.Ms(10));
        byte[] read = [];
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, 1);
            read = await env.Mem.Read(at, 4);
        });
        x.Kit.RunToEnd();

        Assert.Equal(TestPager.Pattern(ExternalPagerKit.Key, 0, size).Take(4), read);
        Assert.Equal(2, x.Log.Of<DataRequest>().Count); // the new incarnation asked: nothing was installed from the stale calls
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void PagerDies_FaultPending_BadAccessAndOtherMemoryUnaffected(DispatcherKind dispatcher)
    {
        using var x = Make(dispatcher, (log, size) => new DyingPager(log, size));
        byte[] anonymous = [];
        x.Kit.Start(async env =>
        {
            var (code, at) = await env.VmAllocate(env.TaskSelf, 0, (ulong)env.Machine.PageSize);
            Assert.Equal(KernReturn.Success, code);
            await env.Mem.Write(at, [1, 2, 3, 4]);
            await MachineKit.ComputeMs(env, 20);
            anonymous = await env.Mem.Read(at, 4);
        }, "bystander");

        var fault = ReadFaults(x);

        Assert.True(fault.At - VirtualTime.Zero < Timeout, $"faulted at {fault.At}");
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, anonymous);
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void PagerDies_RightAfterItsSupply_TheFaultGetsTheSuppliedPage(DispatcherKind dispatcher)
    {
        using var x = Make(dispatcher, (log, size) => new SupplyThenDiePager(log, size));
        byte[] read = [];
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, 1);
            read = await env.Mem.Read(at, 4);
        });
        x.Kit.RunToEnd(Duration.FromSeconds(30));

        Assert.Equal(TestPager.Pattern(ExternalPagerKit.Key, 0, x.PageSize).Take(4), read); // the supply came before the death
        Assert.Empty(x.Kit.Machine.Status.Faults);
        x.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void PagerThrows_StoppedNotRestarted_FaultTakesBadAccess(DispatcherKind dispatcher)
    {
        using var x = Make(dispatcher, (log, size) => new ThrowingPager(log, size));

        var fault = ReadFaults(x);

        Assert.True(fault.At - VirtualTime.Zero < Timeout, $"faulted at {fault.At}"); // the death path, not the timeout
        Assert.Equal(1, x.Kit.Sys.FailureCount); // the pager's own exception; the kernel threw nothing
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void PagerDead_VmMapRefusedItsPortForgottenAndTheObjectEnds(DispatcherKind dispatcher)
    {
        using var x = Make(dispatcher, (log, size) => new DyingPager(log, size));
        var frames = x.Kit.Machine.Config.FrameCount;
        var late = KernReturn.Success;
        x.Kit.Start(async env =>
        {
            var at = await ExternalPagerKit.Map(env, 1);
            var reader = await env.CThreadFork(async e => (await e.Mem.Read(at, 4)).Length, "reader"); // kills the pager: EXC_BAD_ACCESS
            await env.CThreadJoin(reader);
            Assert.Equal(KernReturn.Success, await env.VmDeallocate(env.TaskSelf, at, (ulong)env.Machine.PageSize));
        }, "first");
        x.Kit.Start(async env =>
        {
            var mo = await ExternalPagerKit.LookUp(env); // while the pager lives
            await MachineKit.ComputeMs(env, 50);
            late = (await env.VmMap(env.TaskSelf, 0, (ulong)env.Machine.PageSize, 0, true, mo, 0, false)).Code;
        }, "late");
        x.Kit.RunToEnd(Duration.FromSeconds(30));
        x.Kit.RunFor(MachineKit.Ms(10));

        Assert.Equal(KernReturn.InvalidName, late); // the port died with its pager: the task's name is a dead name
        Assert.Single(x.Log.Of<MemoryObjectInit>()); // no second VM object was made
        var stats = x.Kit.Machine.MemoryObjects.Ask<VmResidentStats>(GetVmResidentStats.Instance).GetAwaiter().GetResult();
        Assert.Equal(0, stats.MemoryObjectPorts);
        Assert.Equal(frames, stats.FreeFrames); // the dead pager's VM object ended with its last reference
        x.Kit.AssertNoActorFailures();
    }

    [Fact]
    public void VmMap_BadInput_Codes()
    {
        using var x = Make(DispatcherKind.Controlled, (log, size) => new TestPager(log, size));
        var codes = new List<KernReturn>();
        byte[] anonymous = [];
        x.Kit.Start(async env =>
        {
            var page = (ulong)env.Machine.PageSize;
            codes.Add((await env.VmMap(env.TaskSelf, 0, page, 0, true, new PortName(4242), 0, false)).Code);
            var plain = await env.MachReplyPort();
            await env.PortInsertRight(plain, plain, MsgType.MakeSend);
            codes.Add((await env.VmMap(env.TaskSelf, 0, page, 0, true, plain, 0, false)).Code);
            codes.Add((await env.VmMap(env.TaskSelf, 0, page, 0, true, env.TaskSelf, 0, false)).Code);
            var mo = await ExternalPagerKit.LookUp(env);
            codes.Add((await env.VmMap(env.TaskSelf, 0, page, 0, true, mo, 1, false)).Code);
            var (code, at) = await env.VmMap(env.TaskSelf, 0, page, 0, true, PortName.Null, 0, false);
            codes.Add(code);
            anonymous = await env.Mem.Read(at, 4);
        });
        x.Kit.RunToEnd();

        Assert.Equal([KernReturn.InvalidName, KernReturn.InvalidArgument, KernReturn.InvalidArgument, KernReturn.InvalidArgument, KernReturn.Success], codes);
        Assert.Equal(new byte[4], anonymous);
        Assert.Empty(x.Log.Received); // no VM object was made for the memory object
        x.Kit.AssertNoActorFailures();
    }

    [Fact]
    public void Validate_PagerTimeoutNotPositive_Reported()
    {
        var problems = new MachineConfig { PagerTimeout = Duration.Zero }.Validate();

        Assert.Contains(problems, p => p.StartsWith("pager timeout must be positive", StringComparison.Ordinal));
    }
}
