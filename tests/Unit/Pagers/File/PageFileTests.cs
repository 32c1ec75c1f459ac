using MachActors.Pagers.File;

namespace MachActors.Tests.Unit.Pagers.File;

/// <summary>Pages as blocks of a host file: short tails, the end of the file, missing files, writes that create.</summary>
public sealed class PageFileTests : IDisposable
{
    private const int Size = 64;

    private readonly string _folder = Directory.CreateTempSubdirectory("machactors-pagefile-test-").FullName;

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static byte[] Bytes(byte seed, int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(seed + i))];

    [Fact]
    public void Read_ShortTail_IsPaddedWithZeros()
    {
        var path = PathOf("f");
        System.IO.File.WriteAllBytes(path, [.. Bytes(1, Size), .. Bytes(9, 10)]);

        var read = PageFile.Read(path, Size, Size, missingIsEmpty: false);

        Assert.True(read.HasData);
        Assert.Equal([.. Bytes(9, 10), .. new byte[Size - 10]], read.Data.ToArray());
    }

    [Fact]
    public void Read_AtTheEndOfTheFile_IsMissingNotAnError()
    {
        var path = PathOf("f");
        System.IO.File.WriteAllBytes(path, Bytes(1, Size));

        var read = PageFile.Read(path, Size, Size, missingIsEmpty: false);

        Assert.False(read.HasData);
        Assert.Null(read.Problem);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_NoSuchFile_IsEmptyOnlyWhenAskedFor(bool missingIsEmpty)
    {
        var read = PageFile.Read(PathOf("none"), 0, Size, missingIsEmpty);

        Assert.False(read.HasData);
        if (missingIsEmpty) Assert.Null(read.Problem);
        else Assert.Contains(PathOf("none"), read.Problem);
    }

    [Fact]
    public void Write_WithCreate_MakesTheFolderAndFileAndGrowsIt()
    {
        var path = Path.Combine(_folder, "sub", "f");

        Assert.Null(PageFile.Write(path, 2 * Size, Bytes(5, Size), create: true));

        var bytes = System.IO.File.ReadAllBytes(path);
        Assert.Equal(3 * Size, bytes.Length);
        Assert.Equal(new byte[2 * Size], bytes[..(2 * Size)]);
        Assert.Equal(Bytes(5, Size), bytes[(2 * Size)..]);
    }

    [Fact]
    public void Write_WithoutCreateToAMissingFile_ReportsTheProblem() =>
        Assert.Contains(PathOf("none"), PageFile.Write(PathOf("none"), 0, Bytes(1, Size), create: false));

    [Fact]
    public void ReadAndWrite_NegativeOffset_ReportAProblem()
    {
        Assert.Contains("negative", PageFile.Read(PathOf("f"), -Size, Size, true).Problem);
        Assert.Contains("negative", PageFile.Write(PathOf("f"), -Size, Bytes(1, Size), true));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
