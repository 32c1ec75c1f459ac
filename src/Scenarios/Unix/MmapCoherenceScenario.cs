using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Scenarios.Unix;

/// <summary>
/// A file mapped MAP_SHARED stays coherent with read(2) and write(2) across fork (docs/UNIX.md, "Files as
/// memory objects"): init writes a two-page file, maps it shared and forks; the child writes bytes in both
/// pages through its (inherited) mapping and says so over a pipe; the parent read(2)s the whole file, which
/// must hold them, write(2)s bytes of its own and says so; the child reads its mapping, which must hold
/// those. No munmap or msync: the server settles the mapped pages before each read and write. The check:
/// what each side saw (the first difference, by file offset), the child's exit status, init's status.
/// </summary>
public class MmapCoherenceScenario : UnixScenario
{
    /// <summary>The file's length: two pages.</summary>
    public const int Length = 2 * PageSize;

    private const string Path = "/tmp/shared";

    /// <summary>The bytes the child writes through the mapping: (file offset, value), in both pages.</summary>
    public static IReadOnlyList<(int Offset, byte Value)> Mapped { get; } = [(3, 0xC1), (700, 0xC2), (PageSize + 5, 0xC3), (Length - 1, 0xC4)];

    /// <summary>The bytes the parent writes with write(2) after reading the child's: (file offset, value), one over a child's byte.</summary>
    public static IReadOnlyList<(int Offset, byte Value)> Written { get; } = [(10, 0xA1), (PageSize + 5, 0xA2), (PageSize + 900, 0xA3)];

    /// <inheritdoc />
    public override string Name => "unix-mmap-coherence";

    /// <inheritdoc />
    public override string Description => "UNIX: a MAP_SHARED file across fork; the child's stores are seen by the parent's read(2), the parent's write(2) by the child's mapping";

    /// <summary>The file as first written.</summary>
    public static byte[] Initial() => [.. Enumerable.Range(0, Length).Select(i => (byte)((i * 13) + (i >> 8)))];

    /// <summary><paramref name="bytes"/> with <paramref name="writes"/> applied (a copy).</summary>
    public static byte[] Apply(byte[] bytes, IEnumerable<(int Offset, byte Value)> writes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(writes);
        var copy = (byte[])bytes.Clone();
        foreach (var (offset, value) in writes) copy[offset] = value;
        return copy;
    }

    /// <inheritdoc />
    protected override UnixProgram Init(UnixVerdict verdict) => async (u, _) =>
    {
        var (failed, fd, at) = await CreateMappedShared(u, Path, Initial());
        if (failed is not null) return verdict.Fail(failed);
        var (_, toParentR, toParentW) = await u.Pipe();
        var (_, toChildR, toChildW) = await u.Pipe();
        var (forked, pid) = await u.Fork(async c =>
        {
            foreach (var (offset, value) in Mapped) await c.Mach.Mem.Write(at + (ulong)offset, [value]);
            await c.Write(toParentW, [1]);
            if (await c.Read(toChildR, 1) is not (Errno.None, [1])) return verdict.Fail("the child's pipe read did not get the parent's signal");
            var seen = await c.Mach.Mem.Read(at, Length);
            return Differs("the child's mapping", seen, Apply(Apply(Initial(), Mapped), Written)) is { } wrong ? verdict.Fail(wrong) : 0;
        });
        if (forked != Errno.None) return verdict.Fail($"fork: {forked}");
        if (await u.Read(toParentR, 1) is not (Errno.None, [1])) return verdict.Fail("the parent's pipe read did not get the child's signal");
        await u.Lseek(fd, 0, 0);
        var file = new List<byte>();
        while (await u.Read(fd, UnixServer.MaxIo) is (Errno.None, { Length: > 0 } data)) file.AddRange(data);
        if (Differs("the parent's read(2)", [.. file], Apply(Initial(), Mapped)) is { } stale) verdict.Fail(stale);
        foreach (var (offset, value) in Written)
        {
            await u.Lseek(fd, offset, 0);
            await u.Write(fd, [value]);
        }
        await u.Write(toChildW, [1]);
        var (waited, child, status) = await u.Wait();
        if (waited != Errno.None || child != pid) return verdict.Fail($"wait returned {waited}, pid {child} (the child is {pid})");
        return WaitStatus.ExitStatus(status) == 0 ? 0 : verdict.Fail($"the child ended with wait status {status:x}");
    };

    /// <summary>The first difference of <paramref name="seen"/> from <paramref name="expected"/>, naming whose bytes the seen one is; null when equal.</summary>
    private static string? Differs(string who, byte[] seen, byte[] expected)
    {
        if (seen.Length != expected.Length) return $"{who} has {seen.Length} bytes, the file {expected.Length}";
        for (var i = 0; i < seen.Length; i++)
        {
            if (seen[i] != expected[i]) return $"{who} is stale at offset {i}: {seen[i]:x2} ({Whose(i, seen[i])}), expected {expected[i]:x2} ({Whose(i, expected[i])})";
        }
        return null;
    }

    private static string Whose(int offset, byte value) =>
        Written.Contains((offset, value)) ? "the parent's write(2)" : Mapped.Contains((offset, value)) ? "the child's store" : Initial()[offset] == value ? "the file's first bytes" : "other bytes";
}
