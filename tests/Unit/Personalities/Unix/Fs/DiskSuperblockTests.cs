using System.Buffers.Binary;
using MachActors.Personalities.Unix.Fs;

namespace MachActors.Tests.Unit.Personalities.Unix.Fs;

public sealed class DiskSuperblockTests
{
    private static DiskSuperblock Plan() => DiskSuperblock.Plan(1024, 1024)!;

    [Fact]
    public void Plan_DefaultDisk_LaysOutSuperblockBitmapInodesThenData()
    {
        var sb = Plan();

        Assert.Equal((1L, 1L, 2L), (sb.BitmapStart, sb.BitmapBlocks, sb.InodeStart));
        Assert.Equal(256, sb.InodeCount); // one per 4 blocks, 16 in a block of 1 KiB
        Assert.Equal((16L, 18L, 1), (sb.InodeBlocks, sb.DataStart, sb.RootInode));
        Assert.Equal((12 + 256) * 1024L, DiskInode.MaxFileSize(1024));
    }

    [Fact]
    public void Plan_InodesRoundedUpToTheTablesLastBlock()
    {
        Assert.Equal(24, DiskSuperblock.Plan(512, 512, inodes: 17)!.InodeCount); // 8 a block
    }

    [Theory]
    [InlineData(64, 1024)]   // blocks smaller than the minimum
    [InlineData(1000, 1024)] // not a multiple of the inode size
    [InlineData(512, 3)]     // too few blocks
    [InlineData(128, 5)]     // no room for a data block after the metadata
    public void Plan_TooSmall_IsNull(int blockSize, long blocks) => Assert.Null(DiskSuperblock.Plan(blockSize, blocks));

    [Fact]
    public void EncodeDecode_RoundTrip_KeepsEveryFieldAndTheChecksumMatches()
    {
        var (decoded, stored, computed) = DiskSuperblock.Decode(Plan().Encode());

        Assert.Equal(Plan(), decoded);
        Assert.Equal(stored, computed);
        Assert.Null(DiskSuperblock.Validate(Plan().Encode(), 1024, 1024));
    }

    [Fact]
    public void Encode_StartsWithTheMagicMAFS() => Assert.Equal("MAFS"u8.ToArray(), Plan().Encode()[..4]);

    [Theory]
    [InlineData(0, 0x12345678u, "bad magic 0x12345678")]
    [InlineData(4, 9u, "unsupported file system version 9")]
    [InlineData(36, 40u, "superblock checksum mismatch")] // a field changed, the checksum not
    public void Validate_DamagedWord_NamesIt(int offset, uint value, string expected)
    {
        var block = Plan().Encode();
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(offset), value);

        Assert.Contains(expected, DiskSuperblock.Validate(block, 1024, 1024), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CountsBeyondTheDisk_NamesBoth() =>
        Assert.Equal("the superblock counts 1024 blocks, beyond the disk's 1000", DiskSuperblock.Validate(Plan().Encode(), 1024, 1000));

    [Fact]
    public void Validate_OtherBlockSize_NamesBoth() =>
        Assert.Equal("the superblock's block size 1024 is not the device's 512", DiskSuperblock.Validate(Plan().Encode(), 512, 2048));

    [Fact]
    public void Validate_RegionsNotMatchingTheCounts_SaysSo()
    {
        var block = (Plan() with { DataStart = 17 }).Encode(); // a valid checksum over a wrong layout

        Assert.Contains("do not match its counts", DiskSuperblock.Validate(block, 1024, 1024), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InodesThatCannotFit_SaysSo()
    {
        var block = (Plan() with { InodeCount = 1_000_000 }).Encode();

        Assert.Contains("1000000 inodes", DiskSuperblock.Validate(block, 1024, 1024), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShortBlock_SaysSo() => Assert.Contains("too few", DiskSuperblock.Validate(new byte[16], 16, 10), StringComparison.Ordinal);
}
