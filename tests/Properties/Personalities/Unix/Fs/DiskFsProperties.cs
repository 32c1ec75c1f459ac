using FsCheck.Fluent;
using MachActors.Personalities.Unix.Fs;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Personalities.Unix.Fs;

/// <summary>
/// Issue 8's file system property: under any sequence of create, write (up to and past the largest
/// file), truncate, read, unlink and mkdir, with syncs and remounts between, the disk file system
/// (<see cref="DiskFileSystem"/> on an in-memory device, caches of 4-64 blocks) agrees with a flat
/// model (<see cref="FsModel"/>) on every Errno, count, byte and directory listing, and fsck finds
/// nothing at any remount. Budget: 200 generated scripts of 10-40 steps (about 2 s); FSCHECK_MAXTEST=N
/// runs N. Each seeded bug (a test-only variant of the file system) is found within the stated number
/// of scripts from a fixed replay seed.
/// </summary>
public class DiskFsProperties
{
    private const string Replay = "4242,1777";

    [Fact] // 200 scripts, generated seeds
    public void RandomScripts_AgreeWithTheFlatModelAcrossRemounts() =>
        PropCheck.Check(Prop.ForAll(FsScript.Arbitrary(), script => Verify(script, DiskFsSeededBug.None)), maxTest: 200);

    [Fact] // seeded: the allocator forgets to mark blocks used; two blocks of a file share one; up to 50 scripts
    public void SeededAllocatorForgettingTheBitmap_IsFound() =>
        Found(DiskFsSeededBug.AllocatorForgetsToMarkBlocks, "differs|fsck: ", 50);

    [Fact] // seeded: a write spanning blocks loses its last block; up to 50 scripts
    public void SeededWriteLosingItsTail_IsFound() =>
        Found(DiskFsSeededBug.WriteLosesItsTail, "content of .* differs", 50);

    private static void Verify(FsScript script, DiskFsSeededBug bug)
    {
        var problems = FsScriptRun.Run(script, bug);
        Assert.True(problems.Count == 0, $"{script}\n" + string.Join("\n", problems));
    }

    private static void Found(DiskFsSeededBug bug, string expect, int cases)
    {
        var failed = Assert.Throws<PropertyFailedException>(() =>
            PropCheck.Check(Prop.ForAll(FsScript.Arbitrary(), script => Verify(script, bug)), maxTest: cases, replay: Replay));
        Assert.Matches(expect, failed.Message);
    }
}
