using System.Buffers.Binary;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Fs;
using static MachActors.Tests.Unit.Personalities.Unix.Fs.FsKit;

namespace MachActors.Tests.Unit.Personalities.Unix.Fs;

/// <summary>Damaged images: each kind refused at mount with a message naming it, and fsck's findings on a mounted one.</summary>
public sealed class DiskFileSystemDamageTests
{
    /// <summary>A formatted device with /tmp/a (3 blocks) and /tmp/b (1 block), synced; returns the device and the layout.</summary>
    private static async Task<(MemoryBlockDevice Device, DiskSuperblock Sb, long A, long B)> Image()
    {
        var (fs, device) = await Formatted();
        var a = await fs.WriteFile("/tmp/a", Bytes(1500, 1));
        var b = await fs.WriteFile("/tmp/b", Bytes(10, 2));
        Assert.Equal(Errno.None, await fs.Sync());
        return (device, fs.Superblock, a, b);
    }

    private static async Task<string> Refused(IBlockDevice device)
    {
        var mounted = await DiskFileSystem.Mount(device);
        Assert.Equal(MountStatus.Damaged, mounted.Status);
        Assert.Null(mounted.FileSystem);
        Assert.StartsWith("damaged file system: ", mounted.Error, StringComparison.Ordinal);
        return mounted.Error!;
    }

    private static void PokeWord(MemoryBlockDevice device, long block, int offset, uint value)
    {
        var word = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(word, value);
        device.Poke(block, offset, word);
    }

    /// <summary>Rewrites the superblock with <paramref name="change"/> and a valid checksum.</summary>
    private static void Resuper(MemoryBlockDevice device, DiskSuperblock sb, Func<DiskSuperblock, DiskSuperblock> change) =>
        device.Poke(0, 0, change(sb).Encode());

    private static (long Block, int Offset) InodeAt(DiskSuperblock sb, long ino) =>
        (sb.InodeStart + ino / (sb.BlockSize / DiskInode.Size), (int)(ino % (sb.BlockSize / DiskInode.Size)) * DiskInode.Size);

    [Fact]
    public async Task Mount_NotAFileSystem_IsBadMagic()
    {
        var (device, _, _, _) = await Image();
        device.Poke(0, 0, "ELF\x7f"u8);

        Assert.Contains("bad magic 0x7F464C45", await Refused(device), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mount_NewerVersion_IsUnsupported()
    {
        var (device, sb, _, _) = await Image();
        Resuper(device, sb, s => s with { Version = 2 });

        Assert.Contains("unsupported file system version 2", await Refused(device), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mount_FlippedBitInTheSuperblock_IsChecksumMismatch()
    {
        var (device, _, _, _) = await Image();
        device.Poke(0, 16, [0x81]); // the inode count's low byte

        Assert.Contains("superblock checksum mismatch", await Refused(device), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mount_CountsBeyondTheDisk_NamesBoth()
    {
        var (device, sb, _, _) = await Image();
        Resuper(device, sb, s => DiskSuperblock.Plan(s.BlockSize, 4096)!);

        Assert.Contains("counts 4096 blocks, beyond the disk's 512", await Refused(device), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mount_MetadataBlockFreeInTheBitmap_SaysWhich()
    {
        var (device, sb, _, _) = await Image();
        device.Poke(sb.BitmapStart, 0, [0xFE]); // block 0 free

        Assert.Contains("the bitmap marks metadata block 0 free", await Refused(device), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mount_UnknownInodeKind_SaysWhich()
    {
        var (device, sb, a, _) = await Image();
        var (block, offset) = InodeAt(sb, a);
        device.Poke(block, offset, [9, 0]);

        Assert.Contains($"inode {a} has the unknown kind 9", await Refused(device), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mount_RootNotADirectory_SaysSo()
    {
        var (device, sb, _, _) = await Image();
        var (block, offset) = InodeAt(sb, 1);
        device.Poke(block, offset, [(byte)FileKind.Regular, 0]);

        Assert.Contains("the root inode 1 is not a directory", await Refused(device), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mount_DeviceFails_IsIoError()
    {
        var (device, _, _, _) = await Image();
        device.FailReads = true;

        var mounted = await DiskFileSystem.Mount(device);

        Assert.Equal(MountStatus.IoError, mounted.Status);
        Assert.Contains("EIO", mounted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BlockHeldTwice_IsFound()
    {
        var (device, sb, a, b) = await Image();
        var (block, offset) = InodeAt(sb, b);
        var aFirst = BinaryPrimitives.ReadUInt32LittleEndian(device.Peek(InodeAt(sb, a).Block).AsSpan(InodeAt(sb, a).Offset + 8));
        var bFirst = BinaryPrimitives.ReadUInt32LittleEndian(device.Peek(block).AsSpan(offset + 8));
        PokeWord(device, block, offset + 8, aFirst); // b's first block is now a's

        var problems = await Problems(device);

        Assert.Contains($"block {aFirst} is held by inode {a} and inode {b}", problems);
        Assert.Contains($"block {bFirst} is marked used but no inode holds it", problems);
    }

    [Fact]
    public async Task Check_HeldBlockFreeInTheBitmap_IsFound()
    {
        var (device, sb, a, _) = await Image();
        var first = BinaryPrimitives.ReadUInt32LittleEndian(device.Peek(InodeAt(sb, a).Block).AsSpan(InodeAt(sb, a).Offset + 8));
        var map = device.Peek(sb.BitmapStart);
        map[first / 8] &= (byte)~(1 << (int)(first % 8));
        device.Poke(sb.BitmapStart, 0, map);

        Assert.Contains($"block {first} of inode {a} is free in the bitmap", await Problems(device));
    }

    [Fact]
    public async Task Check_PointerOutsideTheDataBlocks_IsFound()
    {
        var (device, sb, a, _) = await Image();
        var (block, offset) = InodeAt(sb, a);
        PokeWord(device, block, offset + 12, 3); // a's second block is now an inode table block

        Assert.Contains($"inode {a} points at block 3, outside the data blocks", await Problems(device));
    }

    [Fact]
    public async Task Check_LinkCountsAndUnnamedInodes_AreFound()
    {
        var (device, sb, a, b) = await Image();
        var (block, offset) = InodeAt(sb, a);
        device.Poke(block, offset + 2, [2, 0]); // a: 2 links
        var tmp = InodeAt(sb, 4); // /tmp: its entry block holds a then b
        var entries = BinaryPrimitives.ReadUInt32LittleEndian(device.Peek(tmp.Block).AsSpan(tmp.Offset + 8));
        device.Poke(entries, 32, new byte[32]); // b's entry gone

        var problems = await Problems(device);

        Assert.Contains($"inode {a} has 2 links but 1 names", problems);
        Assert.Contains($"inode {b} is in use but no directory names it", problems);
    }

    [Fact]
    public async Task Check_EntryNamingAFreeInode_IsFound()
    {
        var (device, sb, _, b) = await Image();
        var (block, offset) = InodeAt(sb, b);
        device.Poke(block, offset, new byte[DiskInode.Size]); // b freed behind its name's back

        var problems = await Problems(device);

        Assert.Contains($"entry 'b' of directory 4 names inode {b}, which is not in use", problems);
    }

    [Fact]
    public async Task Check_CleanImage_FindsNothing()
    {
        var (device, _, _, _) = await Image();

        Assert.Empty(await Problems(device));
    }

    private static async Task<IReadOnlyList<string>> Problems(IBlockDevice device)
    {
        var (error, problems) = await (await Mounted(device)).Check();
        Assert.Equal(Errno.None, error);
        return problems;
    }
}
