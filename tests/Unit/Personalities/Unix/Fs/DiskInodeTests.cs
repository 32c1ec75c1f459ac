using MachActors.Personalities.Unix.Fs;

namespace MachActors.Tests.Unit.Personalities.Unix.Fs;

public sealed class DiskInodeTests
{
    [Fact]
    public void EncodeDecode_RoundTrip_KeepsEveryField()
    {
        var node = new DiskInode { Kind = FileKind.Regular, Links = 3, Length = 70_000, Indirect = 99 };
        for (var i = 0; i < DiskInode.DirectCount; i++) node.Direct[i] = (uint)(20 + i);
        var slot = new byte[DiskInode.Size];

        node.Encode(slot);
        var back = DiskInode.Decode(slot, out var raw);

        Assert.Equal((FileKind.Regular, 3, 70_000L, 99u, (int)FileKind.Regular), (back.Kind!.Value, back.Links, back.Length, back.Indirect, raw));
        Assert.Equal(node.Direct, back.Direct);
    }

    [Fact]
    public void Decode_ZeroSlot_IsFree()
    {
        Assert.False(DiskInode.Decode(new byte[DiskInode.Size], out var raw).InUse);
        Assert.Equal(0, raw);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(65535, false)]
    public void KnownKind_OnlyFreeAndTheThreeKinds(int raw, bool known) => Assert.Equal(known, DiskInode.KnownKind(raw));

    [Fact]
    public void MaxFileSize_TwelveDirectAndOneIndirectBlock() =>
        Assert.Equal((12 + 128) * 512L, DiskInode.MaxFileSize(512));
}
