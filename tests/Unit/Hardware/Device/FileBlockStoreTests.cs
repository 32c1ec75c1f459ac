using MachActors.Hardware.Device;
using static MachActors.Tests.Unit.Hardware.Device.DiskKit;

namespace MachActors.Tests.Unit.Hardware.Device;

public sealed class FileBlockStoreTests : global::MachActors.Actors.TestKit.TestKit
{
    private readonly string _path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "machactors-disk-" + Guid.NewGuid().ToString("N") + ".img");

    public FileBlockStoreTests()
    {
        using var file = new FileStream(_path, FileMode.CreateNew, FileAccess.Write);
        file.SetLength(Geometry.SizeInBytes);
        file.Position = 3 * 512;
        file.Write(Pattern(1, 42));
    }

    private byte[] FileBytes(long block, int blocks)
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[blocks * 512];
        file.Position = block * 512;
        file.ReadExactly(buffer);
        return buffer;
    }

    private FileBlockStore Open(bool readOnly = false)
    {
        Assert.True(FileBlockStore.TryOpen(_path, Geometry, readOnly, out var store, out var error), error);
        return store;
    }

    private IActorRef SpawnDisk(IBlockStore store, bool readOnly = false) =>
        Sys.Spawn(Props.Create(() => new Disk("disk0", Geometry, store, readOnly)), "disk0");

    [Fact]
    public void Read_ImageFile_ReturnsTheFilesBlocks()
    {
        var disk = SpawnDisk(Open());

        disk.Tell(new DiskRead(1, 3, 512), TestActor);

        Assert.Equal(Pattern(1, 42), ExpectMsg<DiskInterrupt>().Data.ToArray());
    }

    [Fact]
    public void Write_ImageFile_LandsInTheFileAtTheBlocksOffset()
    {
        var disk = SpawnDisk(Open());

        disk.Tell(new DiskWrite(1, 700, Pattern(2, 5)), TestActor);

        Assert.Equal(IoStatus.Success, ExpectMsg<DiskInterrupt>().Status);
        Assert.Equal(Pattern(2, 5), FileBytes(700, 2));
        Assert.Equal(Pattern(1, 42), FileBytes(3, 1));
    }

    [Fact]
    public void Write_ReadOnlyImage_FailsAndLeavesTheFile()
    {
        var disk = SpawnDisk(Open(readOnly: true), readOnly: true);

        disk.Tell(new DiskWrite(1, 3, Pattern(1, 0)), TestActor);

        Assert.Equal(IoStatus.ReadOnly, ExpectMsg<DiskInterrupt>().Status);
        Assert.Equal(Pattern(1, 42), FileBytes(3, 1));
    }

    [Fact]
    public void Read_FileShrankAfterOpening_CompletesWithIoError()
    {
        var disk = SpawnDisk(Open());
        using (var file = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) file.SetLength(512);

        disk.Tell(new DiskRead(1, 10, 512), TestActor);

        Assert.Equal(IoStatus.IoError, ExpectMsg<DiskInterrupt>().Status);
    }

    [Fact]
    public void TryOpen_MissingFile_FailsWithAReasonNamingIt()
    {
        var missing = _path + ".missing";

        Assert.False(FileBlockStore.TryOpen(missing, Geometry, false, out var store, out var error));

        Assert.Null(store);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_MissingFileWithCreate_CreatesAZeroDiskOfTheDisksSize()
    {
        var missing = _path + ".new";
        try
        {
            Assert.True(FileBlockStore.TryOpen(missing, Geometry, false, out var store, out var error, create: true), error);
            using (store)
            {
                var block = Pattern(1, 9);
                block[0] = 1;
                Assert.Equal(IoStatus.Success, store.Read(Geometry.BlockCount - 1, block));
                Assert.All(block, b => Assert.Equal(0, b));
            }
            Assert.Equal(Geometry.SizeInBytes, new FileInfo(missing).Length);
        }
        finally
        {
            File.Delete(missing);
        }
    }

    [Fact]
    public void TryOpen_ExistingFileWithCreate_KeepsItsBlocks()
    {
        Assert.True(FileBlockStore.TryOpen(_path, Geometry, false, out var store, out var error, create: true), error);
        using (store)
        {
            var block = new byte[512];
            Assert.Equal(IoStatus.Success, store.Read(3, block));
            Assert.Equal(Pattern(1, 42), block);
        }
    }

    [Fact]
    public void TryOpen_MissingFileWithCreateButReadOnly_FailsAndCreatesNothing()
    {
        var missing = _path + ".ro";

        Assert.False(FileBlockStore.TryOpen(missing, Geometry, true, out _, out var error, create: true));

        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void TryOpen_FileShorterThanTheDisk_FailsWithBothSizes()
    {
        using (var file = new FileStream(_path, FileMode.Open, FileAccess.Write)) file.SetLength(1000);

        Assert.False(FileBlockStore.TryOpen(_path, Geometry, false, out _, out var error));

        Assert.Contains("1000 bytes", error, StringComparison.Ordinal);
        Assert.Contains(Geometry.SizeInBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_Store_LaterReadsAreIoErrors()
    {
        var store = Open();
        store.Dispose();

        Assert.Equal(IoStatus.IoError, store.Read(0, new byte[512]));
        Assert.Equal(IoStatus.IoError, store.Write(0, new byte[512]));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        File.Delete(_path);
    }
}
