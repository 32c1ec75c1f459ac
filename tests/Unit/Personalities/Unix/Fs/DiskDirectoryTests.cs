using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Fs;

namespace MachActors.Tests.Unit.Personalities.Unix.Fs;

public sealed class DiskDirectoryTests
{
    [Theory]
    [InlineData("/", "")]
    [InlineData("/tmp", "tmp")]
    [InlineData("/tmp/a.txt", "tmp|a.txt")]
    [InlineData("//tmp///a/", "tmp|a")]
    public void SplitPath_AbsolutePath_GivesItsNames(string path, string expected) =>
        Assert.Equal((Errno.None, expected), (DiskDirectory.SplitPath(path).Error, string.Join('|', DiskDirectory.SplitPath(path).Names)));

    [Theory]
    [InlineData(null, Errno.EINVAL)]
    [InlineData("", Errno.EINVAL)]
    [InlineData("tmp/a", Errno.EINVAL)]
    [InlineData("/tmp/../etc", Errno.EINVAL)]
    [InlineData("/./tmp", Errno.EINVAL)]
    [InlineData("/a\0b", Errno.EINVAL)]
    [InlineData("/abcdefghijklmnopqrstuvwxyz012", Errno.ENAMETOOLONG)] // 29 bytes
    [InlineData("/tmp/ééééééééééééééé", Errno.ENAMETOOLONG)] // 15 characters, 30 bytes
    public void SplitPath_Malformed_IsRefused(string? path, Errno expected) => Assert.Equal(expected, DiskDirectory.SplitPath(path).Error);

    [Fact]
    public void CheckName_TwentyEightBytes_IsTheLongestName()
    {
        Assert.Equal(Errno.None, DiskDirectory.CheckName(new string('x', DiskDirectory.MaxNameBytes)));
        Assert.Equal(Errno.ENAMETOOLONG, DiskDirectory.CheckName(new string('x', DiskDirectory.MaxNameBytes + 1)));
    }

    [Fact]
    public void WriteRead_Entries_RoundTripAndInodeZeroFreesTheSlot()
    {
        var block = new byte[512];
        var longest = new string('n', DiskDirectory.MaxNameBytes);
        DiskDirectory.Write(block, 0, 7, "hello");
        DiskDirectory.Write(block, 15, 4_000_000_000, longest);

        Assert.Equal((7L, "hello"), DiskDirectory.Read(block, 0));
        Assert.Equal((4_000_000_000L, longest), DiskDirectory.Read(block, 15));
        Assert.Equal((0L, ""), DiskDirectory.Read(block, 1));
        DiskDirectory.Write(block, 0, 0, "hello");
        Assert.Equal((0L, ""), DiskDirectory.Read(block, 0));
    }
}
