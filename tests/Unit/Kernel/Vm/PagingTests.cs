using MachActors.Actors.Dispatch;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Default;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>Memory pressure end to end: anonymous memory larger than physical memory, paged out to the default pager's swap disk and back.</summary>
public sealed partial class PagingTests
{
    private const int Frames = 64;
    private const int Pages = 128;

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    /// <summary>A machine of <paramref name="frames"/> frames with a swap disk.</summary>
    internal static MachineConfig SwapMachine(int frames = Frames) => new()
    {
        FrameCount = frames,
        Disks = [new DiskConfig { Name = "swap" }],
        SwapDisk = "swap",
    };

    private static byte[] Pattern(int page, int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++) bytes[i] = (byte)((page * 31) + (i * 7) + 1);
        return bytes;
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void ReadWrite_TwicePhysicalMemory_EveryPageComesBackFromSwap(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher, config: SwapMachine());
        var mismatches = new List<int>();
        kit.Start(async env =>
        {
            var page = env.Machine.PageSize;
            var (code, at) = await env.VmAllocate(env.TaskSelf, 0, (ulong)(Pages * page));
            Assert.Equal(KernReturn.Success, code);
            for (var i = 0; i < Pages; i++) await env.Mem.Write(at + (ulong)(i * page), Pattern(i, page));
            for (var i = 0; i < Pages; i++)
            {
                var read = await env.Mem.Read(at + (ulong)(i * page), page);
                if (!read.AsSpan().SequenceEqual(Pattern(i, page))) mismatches.Add(i);
            }
        });
        kit.RunToEnd(Duration.FromSeconds(120));

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Empty(mismatches);
        var vm = kit.Machine.Status.Vm;
        Assert.True(vm.Pageouts >= Pages - Frames, $"pageouts {vm.Pageouts}");
        Assert.True(vm.Pageins > 0, $"pageins {vm.Pageins}");
        Assert.True(vm.Faults >= Pages, $"faults {vm.Faults}");
        Assert.Equal(Pages, vm.ZeroFills);
        var reserve = PageQueueTargets.Compute(Frames).FreeReserved;
        Assert.True(vm.MinFreeFrames >= reserve, $"min free {vm.MinFreeFrames}, reserve {reserve}");
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void TasksExit_WhilePagingOut_EverySwapSlotAndFrameIsFreed(DispatcherKind dispatcher)
    {
        for (var delay = 1; delay <= 4; delay++) TasksExit(dispatcher, delay * 750_000L);
    }

    /// <summary>
    /// A task whose second thread keeps writing twice as much memory as the machine has (so the daemon
    /// keeps paging out the task's own object) is terminated by its main thread after
    /// <paramref name="cycles"/>: the default pager must end with every object terminated and every swap
    /// slot free, and every frame free. (The exact race, a release with a pageout of the object in
    /// flight, is driven by hand in <see cref="VmObjectEvictionTests"/>: on whole machines the release
    /// rarely meets an eviction of its own object.)
    /// </summary>
    private static void TasksExit(DispatcherKind dispatcher, long cycles)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher, config: SwapMachine());
        kit.Start(async env =>
        {
            var page = env.Machine.PageSize;
            var (code, at) = await env.VmAllocate(env.TaskSelf, 0, (ulong)(2 * Frames * page));
            Assert.Equal(KernReturn.Success, code);
            await env.CThreadFork(async e =>
            {
                for (var i = 0; ; i = (i + 1) % (2 * Frames)) await e.Mem.Write(at + (ulong)(i * page), Pattern(i, page));
            }, "writer");
            await env.Compute(cycles);
            await env.TaskTerminate(env.TaskSelf);
        }, "leaver");
        kit.RunToEnd(Duration.FromSeconds(120));
        kit.RunFor(Duration.FromSeconds(1)); // the last releases, terminates and disk writes settle

        var pager = kit.Machine.DefaultPager!.Ask<DefaultPagerCounts>(GetDefaultPagerStats.Instance).GetAwaiter().GetResult();
        Assert.True(kit.Machine.Status.Vm.Pageouts > 0, "nothing was paged out");
        Assert.True(pager.Created > 0, "no default pager object was created");
        Assert.True((pager.Created, 0, 0L) == (pager.Terminated, pager.Objects, pager.SlotsUsed), $"after {cycles} cycles: created {pager.Created}, terminated {pager.Terminated}, held {pager.Objects}, slots used {pager.SlotsUsed}");
        Assert.Equal(Frames, kit.Machine.Status.Vm.FreeFrames);
    }

    [Fact]
    public void Validate_SwapDiskNotConfigured_Reported()
    {
        var problems = new MachineConfig { SwapDisk = "swap" }.Validate();

        Assert.Contains("swap disk 'swap' is not a configured disk", problems);
    }

    [Fact]
    public void Boot_SwapDiskWithoutDefaultPager_Throws()
    {
        using var sys = ActorSystem.Create("mach", new ActorSystemOptions());

        Assert.Throws<ArgumentException>(() => Machine.Boot(sys, SwapMachine(), new MachActors.Kernel.Programs.ProgramRegistry()));
    }
}
