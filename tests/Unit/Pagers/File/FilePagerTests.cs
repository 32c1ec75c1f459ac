using MachActors.Kernel.Kern;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Pagers.File;
using MachActors.Tests.Unit.Kernel;

namespace MachActors.Tests.Unit.Pagers.File;

/// <summary>The file pager on whole machines: a mapped file's changes reach the file and survive into another machine; missing and unwritable files; scratch and folder modes.</summary>
public sealed class FilePagerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("machactors-filepager-test-").FullName;

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static byte[] Bytes(byte seed, int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(seed + (i * 3)))];

    private static Func<int, FilePager> Named(string path) => size => new FilePager(size, new Dictionary<long, string> { [1] = path });

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void MappedFile_WrittenThenUnmapped_SurvivesIntoASecondMachine(DispatcherKind dispatcher)
    {
        var path = PathOf("mapped.bin");
        int size;
        byte[] original;
        byte[][] firstRun = new byte[4][];
        FilePagerStats stats;
        using (var m = new PagerMachine(dispatcher, Named(path)))
        {
            size = m.PageSize;
            original = [.. Bytes(1, size), .. Bytes(2, size), .. Bytes(3, size / 2)];
            System.IO.File.WriteAllBytes(path, original);
            m.Kit.Start(async env =>
            {
                var at = await PagerMachine.Map(env, 4);
                firstRun[0] = await env.Mem.Read(at, size);
                firstRun[2] = await env.Mem.Read(at + (ulong)(2 * size), size);
                firstRun[3] = await env.Mem.Read(at + (ulong)(3 * size), size);
                await env.Mem.Write(at + (ulong)size + 8, Bytes(7, 8));
                await env.Mem.Write(at + (ulong)(3 * size), Bytes(4, size));
                Assert.Equal(KernReturn.Success, await env.VmDeallocate(env.TaskSelf, at, (ulong)(4 * size)));
            });
            m.RunToEnd();
            stats = m.Ask<FilePagerStats>(GetFilePagerStats.Instance);
            Assert.Empty(m.Kit.Machine.Status.Faults);
        }

        Assert.Equal(Bytes(1, size), firstRun[0]);
        Assert.Equal([.. Bytes(3, size / 2), .. new byte[size / 2]], firstRun[2]); // the short tail, padded
        Assert.Equal(new byte[size], firstRun[3]); // beyond the end: zero fill
        Assert.Equal((3, 1, 2, 0), (stats.PagesRead, stats.ZeroFills, stats.PagesWritten, stats.Errors));
        Assert.Equal(Path.GetFullPath(path), stats.Files[1]);
        Assert.False(stats.Scratch);
        var page1 = Bytes(2, size);
        Bytes(7, 8).CopyTo(page1, 8);
        byte[] expected = [.. Bytes(1, size), .. page1, .. Bytes(3, size / 2), .. new byte[size / 2], .. Bytes(4, size)];
        Assert.Equal(expected, System.IO.File.ReadAllBytes(path));

        var secondRun = Array.Empty<byte>();
        using (var m = new PagerMachine(dispatcher, Named(path)))
        {
            m.Kit.Start(async env =>
            {
                var at = await PagerMachine.Map(env, 4);
                secondRun = await env.Mem.Read(at, 4 * size);
            });
            m.RunToEnd();
            Assert.Empty(m.Kit.Machine.Status.Faults);
        }
        Assert.Equal(expected, secondRun);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void MemoryPressure_PagesOutToTheFileAndTheTaskEndsWithoutUnmapping_FileHoldsEveryPage(DispatcherKind dispatcher)
    {
        const int pages = 96;
        var config = new MachineConfig { FrameCount = 64, Disks = [new DiskConfig { Name = "swap" }], SwapDisk = "swap" };
        var path = PathOf("big.bin");
        System.IO.File.WriteAllBytes(path, []);
        using var m = new PagerMachine(dispatcher, Named(path), config);
        var size = m.PageSize;
        var mismatches = new List<int>();
        long writtenWhileMapped = -1;
        m.Kit.Start(async env =>
        {
            var at = await PagerMachine.Map(env, pages);
            for (var p = 0; p < pages; p++) await env.Mem.Write(at + (ulong)(p * size), Bytes((byte)p, size));
            for (var p = 0; p < pages; p++)
            {
                if (!(await env.Mem.Read(at + (ulong)(p * size), size)).AsSpan().SequenceEqual(Bytes((byte)p, size))) mismatches.Add(p);
            }
            writtenWhileMapped = new FileInfo(path).Length; // the pageouts so far, before the task ends
        });
        m.Kit.RunToEnd(Duration.FromSeconds(30));
        m.Kit.RunFor(MachineKit.Ms(50));

        Assert.Empty(mismatches);
        Assert.Empty(m.Kit.Machine.Status.Faults);
        Assert.True(writtenWhileMapped >= (long)(pages - 64) * size, $"{writtenWhileMapped} bytes written by pageout while mapped");
        var file = System.IO.File.ReadAllBytes(path);
        Assert.Equal(pages * size, file.Length); // the rest came back when the ended task released the object
        for (var p = 0; p < pages; p++) Assert.Equal(Bytes((byte)p, size), file[(p * size)..((p + 1) * size)]);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void MissingFile_Read_FaultsWithMemoryErrorAndThePagerKeepsServing(DispatcherKind dispatcher)
    {
        var path = PathOf("missing.bin");
        using var m = new PagerMachine(dispatcher, Named(path));
        m.Kit.Start(async env =>
        {
            var at = await PagerMachine.Map(env, 1);
            await env.Mem.Read(at, 8);
        });
        m.RunToEnd();

        var fault = Assert.Single(m.Kit.Machine.Status.Faults);
        Assert.Equal(ExceptionType.BadAccess, fault.Exception!.Value.Type);
        Assert.Equal((int)KernReturn.MemoryError, fault.Exception!.Value.Code);
        var stats = m.Ask<FilePagerStats>(GetFilePagerStats.Instance);
        Assert.Equal(1, stats.Errors);
        Assert.Contains(path, stats.LastError);
        m.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void FileRemovedWhileMapped_WriteBackFails_PageKeptInMemoryAndServedAgain(DispatcherKind dispatcher)
    {
        var path = PathOf("removed.bin");
        using var m = new PagerMachine(dispatcher, Named(path));
        var size = m.PageSize;
        System.IO.File.WriteAllBytes(path, Bytes(1, size));
        var again = Array.Empty<byte>();
        m.Kit.Start(async env =>
        {
            var at = await PagerMachine.Map(env, 1);
            await env.Mem.Write(at, Bytes(9, size));
            System.IO.File.Delete(path); // the host removes the file; the pager cannot write the page back
            await env.VmDeallocate(env.TaskSelf, at, (ulong)size);
            var remapped = await PagerMachine.Map(env, 1);
            again = await env.Mem.Read(remapped, size);
        });
        m.RunToEnd();

        Assert.Equal(Bytes(9, size), again);
        Assert.Empty(m.Kit.Machine.Status.Faults);
        var stats = m.Ask<FilePagerStats>(GetFilePagerStats.Instance);
        Assert.Equal((0, 1), (stats.PagesWritten, stats.Errors));
        Assert.False(System.IO.File.Exists(path));
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void FolderMode_TwoKeys_TwoIndependentFiles(DispatcherKind dispatcher)
    {
        using var m = new PagerMachine(dispatcher, size => new FilePager(size, _folder), null, 1, 2);
        var size = m.PageSize;
        m.Kit.Start(async env =>
        {
            var one = await PagerMachine.Map(env, 1, key: 1);
            var two = await PagerMachine.Map(env, 2, key: 2);
            Assert.Equal(new byte[size], await env.Mem.Read(one, size)); // a new object reads as zeros
            await env.Mem.Write(one, Bytes(1, 16));
            await env.Mem.Write(two + (ulong)size, Bytes(2, 16));
            await env.VmDeallocate(env.TaskSelf, one, (ulong)size);
            await env.VmDeallocate(env.TaskSelf, two, (ulong)(2 * size));
        });
        m.RunToEnd();

        Assert.Equal([.. Bytes(1, 16), .. new byte[size - 16]], System.IO.File.ReadAllBytes(FilePager.FileIn(_folder, 1)));
        Assert.Equal([.. new byte[size], .. Bytes(2, 16), .. new byte[size - 16]], System.IO.File.ReadAllBytes(FilePager.FileIn(_folder, 2)));
        Assert.Empty(m.Kit.Machine.Status.Faults);
    }

    [Fact]
    public void ScratchMode_FileWrittenDuringTheRun_FolderRemovedWhenThePagerStops()
    {
        string file;
        using (var m = new PagerMachine(DispatcherKind.Controlled, size => new FilePager(size)))
        {
            m.Kit.Start(async env =>
            {
                var at = await PagerMachine.Map(env, 1);
                await env.Mem.Write(at, Bytes(5, 8));
                await env.VmDeallocate(env.TaskSelf, at, (ulong)env.Machine.PageSize);
            });
            m.RunToEnd();
            var stats = m.Ask<FilePagerStats>(GetFilePagerStats.Instance);
            Assert.True(stats.Scratch);
            file = stats.Files[1];
            Assert.Equal(Bytes(5, 8), System.IO.File.ReadAllBytes(file)[..8]);
            Assert.Contains("scratch", stats.ToString());
        }

        Assert.False(Directory.Exists(Path.GetDirectoryName(file)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
