using FsCheck;
using FsCheck.Fluent;
using MachActors.Kernel.Vm;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Kernel.Vm;

/// <summary>What one script step does.</summary>
public enum VmOpKind
{
    /// <summary>vm_allocate (fixed) of <see cref="VmOp.Count"/> pages at <see cref="VmOp.Page"/>.</summary>
    Allocate,

    /// <summary>vm_deallocate of the pages.</summary>
    Deallocate,

    /// <summary>vm_protect (current protection) of the pages to <see cref="VmOp.Prot"/>.</summary>
    Protect,

    /// <summary>vm_inherit of the pages to <see cref="VmOp.Inherit"/>.</summary>
    Inherit,

    /// <summary>A thread of the task writes <see cref="VmOp.Length"/> bytes (a pattern from <see cref="VmOp.Seed"/>) at <see cref="VmOp.Address"/>.</summary>
    Write,

    /// <summary>A thread of the task reads <see cref="VmOp.Length"/> bytes at <see cref="VmOp.Address"/>.</summary>
    Read,

    /// <summary>vm_copy of the pages to the pages at <see cref="VmOp.Target"/>.</summary>
    Copy,

    /// <summary>Two threads read <see cref="VmOp.Length"/> bytes at <see cref="VmOp.Address"/> at once: one of the task, one of task <see cref="VmOp.Target"/> (the same object page may be faulted twice at once).</summary>
    Race,

    /// <summary>task_create with inherit_memory: the task's whole region first set to <see cref="VmOp.Inherit"/> (unless <see cref="VmOp.KeepInheritance"/>), then forked.</summary>
    Fork,
}

/// <summary>
/// One step of a VM script, done to task <see cref="Task"/> (an index, taken modulo the tasks that
/// exist when the step runs, so that any shrink is still a valid script). Pages are indices into the
/// script's region of <see cref="VmScript.Pages"/> pages.
/// </summary>
public sealed record VmOp(VmOpKind Kind, int Task, int Page, int Count, int Offset = 0, int Length = 0, byte Seed = 0,
    VmProt Prot = VmProt.None, VmInherit Inherit = VmInherit.Copy, int Target = 0, bool KeepInheritance = false)
{
    /// <summary>The first byte of a read or write, relative to the region.</summary>
    public long Address => ((long)Page * VmScript.PageSize) + Offset;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        VmOpKind.Allocate => $"T{Task}:alloc {Page}+{Count}",
        VmOpKind.Deallocate => $"T{Task}:dealloc {Page}+{Count}",
        VmOpKind.Protect => $"T{Task}:protect {Page}+{Count} {Prot}",
        VmOpKind.Inherit => $"T{Task}:inherit {Page}+{Count} {Inherit}",
        VmOpKind.Write => $"T{Task}:write {Page}.{Offset}+{Length} s{Seed}",
        VmOpKind.Read => $"T{Task}:read {Page}.{Offset}+{Length}",
        VmOpKind.Copy => $"T{Task}:copy {Page}+{Count}>{Target}",
        VmOpKind.Race => $"T{Task}|T{Target}:read {Page}.{Offset}+{Length}",
        _ => $"T{Task}:fork {(KeepInheritance ? "as-is" : Inherit.ToString())}",
    };

    /// <summary>The bytes a write writes.</summary>
    public byte[] Data()
    {
        var bytes = new byte[Length];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(Seed + (i * 7) + (i >> 8));
        return bytes;
    }
}

/// <summary>
/// A generated VM script (property a): steps over up to <see cref="MaxTasks"/> tasks that fork from the
/// first one. Shrinks remove steps and shorten writes and reads.
/// </summary>
public sealed record VmScript(VmOp[] Ops)
{
    /// <summary>Bytes per page (the machine's default).</summary>
    public const int PageSize = 4096;

    /// <summary>Pages in each task's script region.</summary>
    public const int Pages = 12;

    /// <summary>Tasks at most (the first and its forks).</summary>
    public const int MaxTasks = 3;

    private static Gen<(int Page, int Count)> Range =>
        from page in Gen.Choose(0, Pages - 1)
        from count in Gen.Frequency((4, Gen.Choose(1, 3)), (1, Gen.Choose(4, Pages)))
        select (page, Math.Min(count, Pages - page));

    private static Gen<VmOp> Access(VmOpKind kind) =>
        from task in Gen.Choose(0, MaxTasks - 1)
        from page in Gen.Choose(0, Pages - 1)
        from offset in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(0, PageSize - 1)))
        from length in Gen.Frequency((3, Gen.Choose(1, 64)), (2, Gen.Choose(65, PageSize)), (1, Gen.Choose(PageSize + 1, 2 * PageSize)))
        from seed in Gen.Choose(1, 255)
        select new VmOp(kind, task, page, 0, offset, (int)Math.Min(length, ((long)Pages * PageSize) - (((long)page * PageSize) + offset)), (byte)seed);

    private static Gen<VmOp> OpGen =>
        Gen.Frequency(
            (3, from t in Gen.Choose(0, MaxTasks - 1) from r in Range select new VmOp(VmOpKind.Allocate, t, r.Page, r.Count)),
            (1, from t in Gen.Choose(0, MaxTasks - 1) from r in Range select new VmOp(VmOpKind.Deallocate, t, r.Page, r.Count)),
            (1, from t in Gen.Choose(0, MaxTasks - 1) from r in Range from p in Gen.Elements(VmProt.None, VmProt.Read, VmProt.Read | VmProt.Write, VmProt.Read | VmProt.Write)
                select new VmOp(VmOpKind.Protect, t, r.Page, r.Count, Prot: p)),
            (1, from t in Gen.Choose(0, MaxTasks - 1) from r in Range from i in Gen.Elements(VmInherit.None, VmInherit.Share, VmInherit.Copy)
                select new VmOp(VmOpKind.Inherit, t, r.Page, r.Count, Inherit: i)),
            (6, Access(VmOpKind.Write)),
            (4, Access(VmOpKind.Read)),
            (2, from a in Access(VmOpKind.Race) from other in Gen.Choose(0, MaxTasks - 1) select a with { Target = other }),
            (1, from t in Gen.Choose(0, MaxTasks - 1) from r in Range from d in Gen.Choose(0, Pages - 1)
                select new VmOp(VmOpKind.Copy, t, r.Page, Math.Min(r.Count, Pages - d), Target: d)),
            (2, from t in Gen.Choose(0, MaxTasks - 1) from i in Gen.Elements(VmInherit.None, VmInherit.Share, VmInherit.Copy, VmInherit.Copy)
                from keep in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
                select new VmOp(VmOpKind.Fork, t, 0, 0, Inherit: i, KeepInheritance: keep)));

    /// <summary>Scripts of <paramref name="min"/>-<paramref name="max"/> steps that start by allocating and writing most of the first task's region.</summary>
    public static Gen<VmScript> Generator(int min = 10, int max = 40) =>
        from n in Gen.Choose(min, max)
        from ops in Gen.ArrayOf(OpGen, n)
        select new VmScript([new VmOp(VmOpKind.Allocate, 0, 0, Pages), new VmOp(VmOpKind.Write, 0, 0, 0, 0, (Pages - 2) * PageSize, 11), .. ops]);

    /// <summary>Scripts that shrink by removing steps, then by shortening reads and writes.</summary>
    public static Arbitrary<VmScript> Arbitrary(int min = 10, int max = 40) => Arb.From(Generator(min, max), Shrinks);

    private static IEnumerable<VmScript> Shrinks(VmScript s)
    {
        foreach (var ops in Shrink.Remove(s.Ops)) yield return new VmScript(ops);
        for (var i = 0; i < s.Ops.Length; i++)
        {
            if (s.Ops[i] is { Kind: VmOpKind.Write or VmOpKind.Read or VmOpKind.Race, Length: > 1 } op)
            {
                var ops = (VmOp[])s.Ops.Clone();
                ops[i] = op with { Length = op.Length / 2 };
                yield return new VmScript(ops);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"VmScript[{string.Join("; ", Ops.Select(o => o.ToString()))}]";
}
