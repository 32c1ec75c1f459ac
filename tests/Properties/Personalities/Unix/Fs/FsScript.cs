using FsCheck;
using FsCheck.Fluent;
using MachActors.Personalities.Unix.Fs;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Personalities.Unix.Fs;

/// <summary>What one step of a file system script does.</summary>
public enum FsOpKind
{
    /// <summary>Create (not exclusive) <see cref="FsOp.Path"/>.</summary>
    Create,

    /// <summary>Write <see cref="FsOp.Length"/> bytes of a pattern seeded by <see cref="FsOp.Seed"/> at <see cref="FsOp.Offset"/>.</summary>
    Write,

    /// <summary>Truncate to <see cref="FsOp.Length"/>.</summary>
    Truncate,

    /// <summary>Read the whole file and compare.</summary>
    Read,

    /// <summary>Unlink.</summary>
    Unlink,

    /// <summary>Mkdir.</summary>
    Mkdir,

    /// <summary>Sync, mount the device afresh, fsck, and compare the whole tree.</summary>
    Remount,
}

/// <summary>One step.</summary>
public sealed record FsOp(FsOpKind Kind, string Path = "", long Offset = 0, int Length = 0, byte Seed = 0)
{
    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        FsOpKind.Write => $"Write {Path} @{Offset} +{Length} s{Seed}",
        FsOpKind.Truncate => $"Truncate {Path} {Length}",
        FsOpKind.Remount => "Remount",
        _ => $"{Kind} {Path}",
    };
}

/// <summary>
/// A generated script against the disk file system: steps over a small name space (files a, b, d2 in
/// /, /tmp, /d0 and /tmp/d2; directories /d0, /d2, /tmp/d2, /d0/d2, so a name is sometimes a file and
/// sometimes a directory), offsets and lengths up to and past the largest file, and remounts; with a
/// block cache of 4, 8 or 64 blocks (evictions in the middle of operations).
/// </summary>
public sealed record FsScript(FsOp[] Ops, int CacheBlocks)
{
    /// <summary>The test device's block size (the largest file is then 71,680 bytes).</summary>
    public const int BlockSize = 512;

    /// <summary>The largest file on the test device.</summary>
    public static readonly long MaxFile = DiskInode.MaxFileSize(BlockSize);

    private static readonly string[] FileDirs = ["/", "/tmp", "/d0", "/tmp/d2"];
    private static readonly string[] FileNames = ["a", "b", "d2"];
    private static readonly string[] DirPaths = ["/d0", "/d2", "/tmp/d2", "/d0/d2"];

    private static Gen<string> FilePath =>
        from dir in Gen.Elements(FileDirs)
        from name in Gen.Elements(FileNames)
        select dir == "/" ? "/" + name : dir + "/" + name;

    private static Gen<long> Offset => Gen.Frequency(
        (4, Gen.Choose(0, 3000).Select(i => (long)i)),
        (2, Gen.Choose(3000, 20_000).Select(i => (long)i)),
        (1, Gen.Choose(-2000, 100).Select(i => MaxFile + i)));

    private static Gen<int> Length => Gen.Frequency((3, Gen.Choose(1, 600)), (2, Gen.Choose(600, 5000)), (1, Gen.Choose(5000, 15_000)));

    private static Gen<int> TruncateLength => Gen.Frequency(
        (3, Gen.Choose(0, 3000)), (2, Gen.Choose(3000, 30_000)), (1, Gen.Choose(-10, 10).Select(i => (int)MaxFile + i)));

    private static Gen<FsOp> OpGen => Gen.Frequency(
        (4, FilePath.Select(p => new FsOp(FsOpKind.Create, p))),
        (6, from p in FilePath from o in Offset from l in Length from s in Gen.Choose(1, 255) select new FsOp(FsOpKind.Write, p, o, l, (byte)s)),
        (2, from p in FilePath from l in TruncateLength select new FsOp(FsOpKind.Truncate, p, Length: l)),
        (2, FilePath.Select(p => new FsOp(FsOpKind.Read, p))),
        (2, FilePath.Select(p => new FsOp(FsOpKind.Unlink, p))),
        (2, Gen.Elements(DirPaths).Select(p => new FsOp(FsOpKind.Mkdir, p))),
        (2, Gen.Constant(new FsOp(FsOpKind.Remount))));

    /// <summary>Scripts of <paramref name="min"/>-<paramref name="max"/> steps.</summary>
    public static Gen<FsScript> Generator(int min, int max) =>
        from n in Gen.Choose(min, max)
        from ops in Gen.ArrayOf(OpGen, n)
        from cache in Gen.Elements(4, 8, 64)
        select new FsScript(ops, cache);

    /// <summary>Scripts that shrink by removing steps, then by halving write lengths.</summary>
    public static Arbitrary<FsScript> Arbitrary(int min = 10, int max = 40) => Arb.From(Generator(min, max), Shrinks);

    /// <summary>The bytes a write of <paramref name="op"/> stores.</summary>
    public static byte[] Data(FsOp op) => Enumerable.Range(0, op.Length).Select(i => (byte)(op.Seed + (i * 7) + (i / BlockSize))).ToArray();

    /// <inheritdoc />
    public override string ToString() => $"cache {CacheBlocks}: " + string.Join("; ", Ops.Select(o => o.ToString()));

    private static IEnumerable<FsScript> Shrinks(FsScript s)
    {
        foreach (var ops in Shrink.Remove(s.Ops)) yield return s with { Ops = ops };
        for (var i = 0; i < s.Ops.Length; i++)
        {
            if (s.Ops[i] is { Kind: FsOpKind.Write, Length: > 1 } op)
            {
                var ops = (FsOp[])s.Ops.Clone();
                ops[i] = op with { Length = op.Length / 2 };
                yield return s with { Ops = ops };
            }
        }
    }
}
