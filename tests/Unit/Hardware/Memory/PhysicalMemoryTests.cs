using MachActors.Hardware;
using MachActors.Hardware.Memory;

namespace MachActors.Tests.Unit.Hardware.Memory;

public sealed class PhysicalMemoryTests
{
    private static readonly FrameNumber F0 = new(0), F1 = new(1);

    private readonly PhysicalMemory _memory = new(pageSize: 512, frameCount: 4);

    [Fact]
    public void Create_DefaultConfig_Has1024FramesOf4096Bytes()
    {
        var memory = PhysicalMemory.Create(new MachineConfig());

        Assert.Equal(4096, memory.PageSize);
        Assert.Equal(1024, memory.FrameCount);
        Assert.Equal(0, memory.MaterializedFrames);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(500, 4)]
    [InlineData(512, 0)]
    public void Constructor_BadShape_Throws(int pageSize, int frameCount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhysicalMemory(pageSize, frameCount));
    }

    [Fact]
    public void Read_NeverWrittenFrame_IsZerosAndSetsOnlyTheReferenceBit()
    {
        var into = new byte[] { 9, 9, 9 };

        Assert.Equal(MemoryStatus.Success, _memory.Read(F1, 100, into));

        Assert.Equal(new byte[3], into);
        Assert.Equal(FrameBits.Referenced, _memory.GetBits(F1));
        Assert.Equal(FrameBits.None, _memory.GetBits(F0));
    }

    [Fact]
    public void Write_ThenRead_ReturnsTheBytesAndSetsBothBits()
    {
        Assert.Equal(MemoryStatus.Success, _memory.Write(F1, 510, new byte[] { 1, 2 }));
        var into = new byte[3];

        _memory.Read(F1, 509, into);

        Assert.Equal(new byte[] { 0, 1, 2 }, into);
        Assert.Equal(FrameBits.Referenced | FrameBits.Modified, _memory.GetBits(F1));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(512, 1)]
    [InlineData(511, 2)]
    [InlineData(0, 513)]
    [InlineData(513, 0)]
    public void ReadAndWrite_OutsideTheFrame_AreOutOfBoundsAndTouchNothing(int offset, int length)
    {
        Assert.Equal(MemoryStatus.OutOfBounds, _memory.Read(F0, offset, new byte[length]));
        Assert.Equal(MemoryStatus.OutOfBounds, _memory.Write(F0, offset, new byte[length]));

        Assert.Equal(FrameBits.None, _memory.GetBits(F0));
        Assert.Equal(0, _memory.MaterializedFrames);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void EveryOperation_FrameOutsideMemory_IsInvalidFrame(int value)
    {
        var bad = new FrameNumber(value);

        Assert.False(_memory.Contains(bad));
        Assert.Equal(MemoryStatus.InvalidFrame, _memory.Read(bad, 0, new byte[1]));
        Assert.Equal(MemoryStatus.InvalidFrame, _memory.Write(bad, 0, new byte[1]));
        Assert.Equal(MemoryStatus.InvalidFrame, _memory.ReadPage(bad, new byte[512]));
        Assert.Equal(MemoryStatus.InvalidFrame, _memory.WritePage(bad, new byte[512]));
        Assert.Equal(MemoryStatus.InvalidFrame, _memory.ZeroFill(bad));
        Assert.Equal(MemoryStatus.InvalidFrame, _memory.CopyFrame(bad, F0));
        Assert.Equal(MemoryStatus.InvalidFrame, _memory.CopyFrame(F0, bad));
        Assert.Equal(MemoryStatus.InvalidFrame, _memory.ClearBits(bad, FrameBits.Referenced));
        Assert.Equal(FrameBits.None, _memory.GetBits(bad));
    }

    [Fact]
    public void ZeroFill_WrittenFrame_ReadsZerosAndKeepsTheBits()
    {
        _memory.Write(F0, 0, new byte[] { 7 });

        Assert.Equal(MemoryStatus.Success, _memory.ZeroFill(F0));

        var page = new byte[512];
        _memory.ReadPage(F0, page);
        Assert.All(page, b => Assert.Equal(0, b));
        Assert.Equal(FrameBits.Referenced | FrameBits.Modified, _memory.GetBits(F0));
        Assert.Equal(0, _memory.MaterializedFrames);
    }

    [Fact]
    public void CopyFrame_CopiesEveryByteAndLeavesTheBits()
    {
        var data = Enumerable.Range(0, 512).Select(i => (byte)i).ToArray();
        _memory.WritePage(F0, data);
        _memory.Write(F1, 0, new byte[] { 1 });
        _memory.ClearBits(F1, FrameBits.Referenced | FrameBits.Modified);

        Assert.Equal(MemoryStatus.Success, _memory.CopyFrame(F0, F1));

        var copy = new byte[512];
        _memory.ReadPage(F1, copy);
        Assert.Equal(data, copy);
        Assert.Equal(FrameBits.None, _memory.GetBits(F1));
    }

    [Fact]
    public void CopyFrame_FromNeverWrittenFrame_ZerosTheTarget()
    {
        _memory.Write(F1, 3, new byte[] { 5 });

        _memory.CopyFrame(new FrameNumber(2), F1);

        var into = new byte[1];
        _memory.Read(F1, 3, into);
        Assert.Equal(0, into[0]);
    }

    [Fact]
    public void WholePageTransfers_WrongLength_AreOutOfBounds()
    {
        Assert.Equal(MemoryStatus.OutOfBounds, _memory.ReadPage(F0, new byte[511]));
        Assert.Equal(MemoryStatus.OutOfBounds, _memory.WritePage(F0, new byte[513]));
        Assert.Equal(0, _memory.MaterializedFrames);
    }

    [Fact]
    public void WritePage_SetsNoBits()
    {
        _memory.WritePage(F0, new byte[512]);

        Assert.Equal(FrameBits.None, _memory.GetBits(F0));
    }

    [Fact]
    public void ClearBits_OneBit_LeavesTheOther()
    {
        _memory.Write(F0, 0, new byte[] { 1 });

        Assert.Equal(MemoryStatus.Success, _memory.ClearBits(F0, FrameBits.Referenced));

        Assert.Equal(FrameBits.Modified, _memory.GetBits(F0));
    }

    [Fact]
    public void FrameNumber_OrdersAndPrintsByValue()
    {
        Assert.True(F0.CompareTo(F1) < 0);
        Assert.Equal("frame 1", F1.ToString());
    }
}
