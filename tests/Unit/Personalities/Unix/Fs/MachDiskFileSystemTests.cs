using System.Text;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel.User;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Fs;
using MachActors.Tests.Unit.Kernel;

namespace MachActors.Tests.Unit.Personalities.Unix.Fs;

/// <summary>
/// The disk file system inside a task on a whole machine, over the Disk through device ports, with the
/// disk kept in a host image file: a file written in one run is there in the next.
/// </summary>
public sealed class MachDiskFileSystemTests : IDisposable
{
    private readonly string _image = Path.Combine(Path.GetTempPath(), "machactors-fs-" + Guid.NewGuid().ToString("N") + ".img");

    private MachineKit Boot(DispatcherKind kind) => new(1, kind, config: new MachineConfig
    {
        Disks = [new DiskConfig { ImagePath = _image, CreateImage = true }], // 2048 blocks of 512: 1,024 file system blocks of 1 KiB
    });

    /// <summary>In a program: opens disk0 as 1 KiB blocks and mounts it (formatting a fresh disk when <paramref name="format"/>).</summary>
    private static async Task<MountResult> MountDisk(MachEnv env, bool format)
    {
        var (error, device) = await MachDiskBlockDevice.Open(env);
        Assert.Equal(Errno.None, error);
        return format ? await DiskFileSystem.MountOrFormat(device!) : await DiskFileSystem.Mount(device!);
    }

    [Theory]
    [MemberData(nameof(MachineKit.Dispatchers), MemberType = typeof(MachineKit))]
    public void FileWrittenAndSynced_IsReadByTheNextMachineFromTheImage(DispatcherKind kind)
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("a file that outlives its machine. ", 200))); // 6,800 bytes: 7 blocks
        var log = new List<string>();
        using (var first = Boot(kind))
        {
            first.Start(async env =>
            {
                var mounted = await MountDisk(env, format: true);
                var fs = mounted.FileSystem!;
                var (_, inode) = await fs.Create("/tmp/hello", exclusive: true);
                var (wrote, count) = await fs.Write(inode, 0, text);
                log.Add($"first: {mounted.Status} {wrote} {count} sync {await fs.Sync()}");
            });
            first.RunToEnd(Duration.FromSeconds(30));
            first.AssertNoActorFailures();
        } // the machine shuts down; every completed disk write is in the image

        byte[] read = [];
        using (var second = Boot(kind))
        {
            second.Start(async env =>
            {
                var mounted = await MountDisk(env, format: false);
                var fs = mounted.FileSystem!;
                var (found, inode) = await fs.Lookup("/tmp/hello");
                (_, read) = await fs.Read(inode, 0, 100_000);
                var (checkError, problems) = await fs.Check();
                log.Add($"second: {mounted.Status} {found} check {checkError} {problems.Count} {string.Join(",", (await fs.ReadDir("/dev")).Entries.Select(e => e.Name))}");
            });
            second.RunToEnd(Duration.FromSeconds(30));
            second.AssertNoActorFailures();
        }

        Assert.Equal([$"first: Mounted None {text.Length} sync None", "second: Mounted None check None 0 console"], log);
        Assert.Equal(text, read);
    }

    [Theory]
    [MemberData(nameof(MachineKit.Dispatchers), MemberType = typeof(MachineKit))]
    public void DamagedImage_MountAtBootSaysWhatIsWrong(DispatcherKind kind)
    {
        using (var file = new FileStream(_image, FileMode.CreateNew))
        {
            file.SetLength(new DiskGeometry().SizeInBytes);
            file.Write("#!/bin/sh\necho not a file system\n"u8);
        }
        MountResult? mounted = null;
        using var kit = Boot(kind);
        kit.Start(async env => mounted = await MountDisk(env, format: true)); // a damaged disk is never formatted over

        kit.RunToEnd();

        Assert.Equal(MountStatus.Damaged, mounted!.Status);
        Assert.Equal("damaged file system: bad magic 0x622F2123 in the superblock (expected 0x5346414D, \"MAFS\"): not a MachActors file system", mounted.Error);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void ImageShorterThanTheDisk_IsABootErrorNamingBothSizes()
    {
        File.WriteAllBytes(_image, new byte[4096]);

        var e = Assert.Throws<ArgumentException>(() => Boot(DispatcherKind.Controlled));

        Assert.Contains("holds 4096 bytes, fewer than the disk's 1048576", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NoSuchDiskOrABlockSizeThatIsNotWholeRecords_IsRefused()
    {
        var codes = new List<Errno>();
        using var kit = Boot(DispatcherKind.Controlled);
        kit.Start(async env =>
        {
            codes.Add((await MachDiskBlockDevice.Open(env, "disk9")).Error);
            codes.Add((await MachDiskBlockDevice.Open(env, "disk0", 700)).Error);
            var (error, device) = await MachDiskBlockDevice.Open(env, "disk0", 4096);
            codes.Add(error);
            codes.Add(device!.BlockCount == 256 && device.SectorsPerBlock == 8 ? Errno.None : Errno.EIO);
            codes.Add(await device.ReadBlock(256, new byte[4096]));
        });

        kit.RunToEnd();

        Assert.Equal([Errno.ENOENT, Errno.EINVAL, Errno.None, Errno.None, Errno.EINVAL], codes);
    }

    public void Dispose() => File.Delete(_image);
}
