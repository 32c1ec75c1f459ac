using MachActors.Actors.Dispatch;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>Memory pressure end to end: anonymous memory larger than physical memory, paged out to the default pager's swap disk and back.</summary>
public sealed class PagingTests
{
    private const int Frames = 64;
    private const int Pages = 128;

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    private static MachineConfig SwapMachine() => new()
    {
        FrameCount = Frames,
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
