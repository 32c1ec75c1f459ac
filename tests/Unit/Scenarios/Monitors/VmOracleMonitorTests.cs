using MachActors.Hardware.Memory;
using MachActors.Kernel.Vm;
using MachActors.Scenarios.Monitors;
using static MachActors.Tests.Unit.Scenarios.Monitors.MonitorTrace;

namespace MachActors.Tests.Unit.Scenarios.Monitors;

/// <summary>
/// The VM oracle monitor on hand-made traces: CPUs a1 and a2, the resident memory a5, VM objects a7 (id
/// 70) and a8 (id 80); pages of 16 bytes. A frame is named by a fault answer before it is accessed.
/// </summary>
public sealed class VmOracleMonitorTests
{
    private const int Cpu1 = 1;
    private const int Cpu2 = 2;
    private const int Resident = 5;
    private long _call;

    private static void Owns(VmOracleMonitor m, int frame, long objectId, long offset) =>
        m.Handed(9, 7, new ObjectFaultAnswer(1, new VmFaultAnswer(VmFaultOutcome.Resident, offset, new VmFrame(frame))) { Owner = new PageOwner(objectId, offset) });

    private void Write(VmOracleMonitor m, int cpu, int frame, int offset, params byte[] data)
    {
        var call = ++_call;
        m.Handed(Resident, cpu, new MemoryAccess(call, new FrameNumber(frame), offset, data.Length, [.. data]));
        m.Handed(cpu, Resident, new MemoryAccessDone(call, MemoryStatus.Success, []));
    }

    /// <summary>A read of <paramref name="actual"/> at <paramref name="offset"/>, as the memory performed it.</summary>
    private void Read(VmOracleMonitor m, int cpu, int frame, int offset, params byte[] actual)
    {
        var call = ++_call;
        m.Handed(Resident, cpu, new MemoryAccess(call, new FrameNumber(frame), offset, actual.Length, default));
        m.Handed(cpu, Resident, new MemoryAccessDone(call, MemoryStatus.Success, [.. actual]));
    }

    [Fact]
    public void ReadAfterWrite_SameBytes_NoViolation()
    {
        var m = new VmOracleMonitor(16);
        Owns(m, 3, 70, 0);

        Write(m, Cpu1, 3, 4, 0xAA, 0xBB);
        Read(m, Cpu2, 3, 4, 0xAA, 0xBB);

        Assert.Null(m.Violation);
        Assert.Equal(1, m.Writes);
        Assert.Equal(1, m.Reads);
    }

    [Fact]
    public void ReadAfterWrite_OldBytes_Violation()
    {
        var m = new VmOracleMonitor(16);
        Owns(m, 3, 70, 0);

        Write(m, Cpu1, 3, 4, 0xAA);
        Read(m, Cpu1, 3, 4, 0x00);

        Assert.Contains("object 70 page offset 0 byte 4 returned 0, the last value written there is 170", m.Violation);
    }

    [Fact]
    public void PageMovesToANewFrame_ValuesFollowTheObjectPage()
    {
        var m = new VmOracleMonitor(16);
        Owns(m, 3, 70, 16);
        Write(m, Cpu1, 3, 0, 0x11);
        Owns(m, 3, 80, 0); // frame 3 reused by another object's page
        Owns(m, 6, 70, 16); // the page came back in frame 6: a stale copy

        Read(m, Cpu1, 3, 0, 0x11); // object 80 page 0: learned
        Read(m, Cpu1, 6, 0, 0x00);

        Assert.Contains("object 70 page offset 16 byte 0 returned 0", m.Violation);
    }

    [Fact]
    public void UnwrittenByte_LearnedAtFirstReadThenHeld()
    {
        var m = new VmOracleMonitor(16);
        Owns(m, 3, 70, 0);

        Read(m, Cpu1, 3, 0, 0x42);
        Assert.Null(m.Violation);
        Read(m, Cpu2, 3, 0, 0x43);

        Assert.Contains("returned 67, the last value written there is 66", m.Violation);
    }

    [Fact]
    public void WriteBetweenAReadAndItsAnswer_TheReadIsJudgedAtTheMemory()
    {
        var m = new VmOracleMonitor(16);
        Owns(m, 3, 70, 0);
        Write(m, Cpu1, 3, 0, 0x01);

        m.Handed(Resident, Cpu2, new MemoryAccess(50, new FrameNumber(3), 0, 1, default)); // performed here: reads 0x01
        Write(m, Cpu1, 3, 0, 0x02);
        m.Handed(Cpu2, Resident, new MemoryAccessDone(50, MemoryStatus.Success, [0x01]));

        Assert.Null(m.Violation);
    }

    [Fact]
    public void KernelOverwrite_PageNoLongerHeldTo()
    {
        var m = new VmOracleMonitor(16);
        m.Handed(Resident, 7, new FrameAllocate(1, new PageOwner(70, 0))); // a7 is object 70
        Owns(m, 3, 70, 0);
        Write(m, Cpu1, 3, 0, 0x01);

        m.Handed(7, 9, new ObjectOverwrite(1, 0, null, 0, 16));
        Read(m, Cpu1, 3, 0, 0x00);

        Assert.Null(m.Violation);
    }

    [Fact]
    public void FlushWithoutReturn_PageNoLongerHeldTo()
    {
        var m = new VmOracleMonitor(16);
        m.Handed(Resident, 7, new FrameAllocate(1, new PageOwner(70, 0)));
        Owns(m, 3, 70, 0);
        Write(m, Cpu1, 3, 0, 0x01);

        m.Handed(7, 9, new LockRequest(default, 0, 16, LockReturnPolicy.None, true, null, null));
        Read(m, Cpu1, 3, 0, 0x00);
        Read(m, Cpu1, 3, 0, 0x05);

        Assert.Null(m.Violation);
    }

    [Fact]
    public void FlushWithReturn_PagerOwnsTheDataSoThePageIsLearnedAgainThenHeld()
    {
        // A DSM pager flushes a node's copy (its writes go back) and later supplies another node's bytes.
        var m = new VmOracleMonitor(16);
        m.Handed(Resident, 8, new FrameAllocate(1, new PageOwner(80, 0)));
        Owns(m, 4, 80, 0);
        Write(m, Cpu1, 4, 0, 0x01);

        m.Handed(8, 9, new LockRequest(default, 0, 16, LockReturnPolicy.Dirty, true, null, null));
        Owns(m, 6, 80, 0);
        Read(m, Cpu1, 6, 0, 0x02);
        Assert.Null(m.Violation);
        Read(m, Cpu1, 6, 0, 0x03);

        Assert.Contains("object 80", m.Violation);
    }

    [Fact]
    public void LockRequestWithoutFlush_PageStillHeldTo()
    {
        var m = new VmOracleMonitor(16);
        m.Handed(Resident, 8, new FrameAllocate(1, new PageOwner(80, 0)));
        Owns(m, 4, 80, 0);
        Write(m, Cpu1, 4, 0, 0x01);

        m.Handed(8, 9, new LockRequest(default, 0, 16, LockReturnPolicy.Dirty, false, null, null));
        Read(m, Cpu1, 4, 0, 0x00);

        Assert.Contains("object 80", m.Violation);
    }

    [Fact]
    public void AccessToAFrameNoFaultAnswerNamed_Ignored()
    {
        var m = new VmOracleMonitor(16);

        Write(m, Cpu1, 3, 0, 0x01);
        Read(m, Cpu1, 3, 0, 0x02);

        Assert.Null(m.Violation);
        Assert.Equal(0, m.Writes);
    }
}
