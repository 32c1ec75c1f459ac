using System.Collections.Immutable;
using MachActors.Hardware.Memory;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

public sealed class ResidentMemoryTests
{
    private readonly ResidentMemory _resident = new(new PhysicalMemory(pageSize: 256, frameCount: 8), freeReserved: 2);

    [Fact]
    public void AllocateZeroed_FreshFrame_IsZeroActiveAndCounted()
    {
        var frame = _resident.AllocateZeroed(new PageOwner(1, 0));

        Assert.NotNull(frame);
        Assert.Equal(new byte[256], _resident.Read(frame!.Value).ToArray());
        Assert.Equal(1, _resident.Queues.ActiveCount);
        Assert.Equal(1, _resident.AllocatedCount);
    }

    [Fact]
    public void AllocateZeroed_BelowReserve_RefusedUnlessPrivileged()
    {
        for (var i = 0; i < 6; i++) Assert.NotNull(_resident.AllocateZeroed(new PageOwner(1, i * 256))); // 8 frames, reserve 2

        Assert.Null(_resident.AllocateZeroed(new PageOwner(1, 9999)));
        Assert.NotNull(_resident.AllocateZeroed(new PageOwner(1, 9999), privileged: true));
    }

    [Fact]
    public void TryAllocate_Contents_AreTheFramesBytes()
    {
        var page = Enumerable.Range(0, 256).Select(i => (byte)i).ToImmutableArray();

        Assert.True(_resident.TryAllocate(page, out var frame));
        Assert.Equal(page.ToArray(), _resident.Read(frame).ToArray());
        Assert.False(_resident.TryAllocate([1, 2, 3], out _));
    }

    [Fact]
    public void Free_ReusedFrame_ReadsZerosAgain()
    {
        var frame = _resident.AllocateZeroed(new PageOwner(1, 0))!.Value;
        _resident.Access(new MemoryAccess(1, ResidentMemory.ToFrame(frame), 10, 0, [7]));
        _resident.Free(frame);
        _resident.Free(frame); // a second free is ignored

        Assert.Equal(0, _resident.AllocatedCount);
        VmFrame again;
        do again = _resident.AllocateZeroed(new PageOwner(2, 0), privileged: true)!.Value; while (again != frame);
        Assert.Equal(new byte[256], _resident.Read(again).ToArray());
    }

    [Fact]
    public void Access_WriteThenRead_SetsBitsAndReturnsBytes()
    {
        var frame = ResidentMemory.ToFrame(_resident.AllocateZeroed(new PageOwner(1, 0))!.Value);

        var write = _resident.Access(new MemoryAccess(5, frame, 100, 0, [1, 2, 3]));
        var read = _resident.Access(new MemoryAccess(6, frame, 99, 5, default));

        Assert.Equal(new MemoryAccessDone(5, MemoryStatus.Success, []).Status, write.Status);
        Assert.Equal(6, read.CallId);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 0 }, read.Data.ToArray());
        Assert.Equal(FrameBits.Referenced | FrameBits.Modified, _resident.Memory.GetBits(frame));
    }

    [Fact]
    public void Access_OutsideFrameOrMemory_IsACode()
    {
        var frame = ResidentMemory.ToFrame(_resident.AllocateZeroed(new PageOwner(1, 0))!.Value);

        Assert.Equal(MemoryStatus.OutOfBounds, _resident.Access(new MemoryAccess(1, frame, 250, 10, default)).Status);
        Assert.Equal(MemoryStatus.OutOfBounds, _resident.Access(new MemoryAccess(1, frame, 0, -1, default)).Status);
        Assert.Equal(MemoryStatus.InvalidFrame, _resident.Access(new MemoryAccess(1, new FrameNumber(99), 0, 1, default)).Status);
    }
}
