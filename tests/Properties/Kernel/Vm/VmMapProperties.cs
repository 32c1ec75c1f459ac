using FsCheck;
using FsCheck.Fluent;
using MachActors.Kernel;
using MachActors.Kernel.Vm;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Kernel.Vm;

/// <summary>
/// VmMap against a flat reference model: an array with one slot per page of the map's range (plus a
/// few pages outside it), each unmapped or holding (protection, maximum, inheritance). Random scripts
/// of vm_allocate (fixed and anywhere with a hint), vm_deallocate, vm_protect (current and maximum) and
/// vm_inherit must give the model's return code, leave exactly the model's pages, and keep the map's
/// invariants (sorted, non-overlapping, in bounds, coalesced, protection within maximum).
/// Budget: 2,000 scripts of up to 60 calls (well under a second).
/// </summary>
public class VmMapProperties
{
    private const int Pages = 32; // the map is pages [1, 33)
    private const ulong P = 4096;

    /// <summary>One call: kind 0 allocate fixed, 1 allocate anywhere, 2 deallocate, 3 protect, 4 protect maximum, 5 inherit.</summary>
    public sealed record Op(int Kind, int Page, int Count, VmProt Prot, VmInherit Inherit)
    {
        /// <inheritdoc />
        public override string ToString() => $"{Kind}@{Page}+{Count}:{Prot}/{Inherit}";
    }

    private readonly record struct Slot(VmProt Prot, VmProt Max, VmInherit Inherit);

    private static Gen<Op> OpGen =>
        from kind in Gen.Frequency((3, Gen.Constant(0)), (3, Gen.Constant(1)), (3, Gen.Constant(2)), (3, Gen.Constant(3)), (2, Gen.Constant(4)), (2, Gen.Constant(5)))
        from page in Gen.Choose(0, Pages + 3)
        from count in Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Choose(1, 6)), (1, Gen.Choose(7, 20)))
        from prot in Gen.Choose(0, 7)
        from inherit in Gen.Elements(VmInherit.Share, VmInherit.Copy, VmInherit.None)
        select new Op(kind, page, count, (VmProt)prot, inherit);

    private static Arbitrary<Op[]> Scripts => Arb.From(
        Gen.Choose(1, 60).SelectMany(n => Gen.ArrayOf(OpGen, n)),
        ops => Shrink.Remove(ops));

    [Fact] // 2,000 scripts
    public void VmMap_RandomCalls_MatchPageArrayModel() =>
        PropCheck.Check(Prop.ForAll(Scripts, ops => KernelChecks.AssertNone(Run(ops), string.Join(' ', ops.Select(o => o.ToString())))), maxTest: 2000);

    /// <summary>Runs a script on a map and the model; the differences, in words.</summary>
    private static List<string> Run(Op[] ops)
    {
        var next = 1L;
        var map = new VmMap(P, (Pages + 1) * P, (int)P, () => next++);
        var model = new Slot?[Pages + 8];
        var problems = new List<string>();
        for (var i = 0; i < ops.Length && problems.Count == 0; i++)
        {
            var op = ops[i];
            var address = (ulong)op.Page * P;
            var size = (ulong)op.Count * P;
            var (got, at) = op.Kind switch
            {
                0 => (map.Allocate(address, size, false, out var a0), a0),
                1 => (map.Allocate(address, size, true, out var a1), a1),
                2 => (map.Deallocate(address, size), 0UL),
                3 => (map.Protect(address, size, false, op.Prot), 0UL),
                4 => (map.Protect(address, size, true, op.Prot), 0UL),
                _ => (map.Inherit(address, size, op.Inherit), 0UL),
            };
            var (want, wantAt) = Apply(model, op);
            if (got != want || at != wantAt) problems.Add($"#{i} {op}: map {got} at {at / P}, model {want} at {wantAt / P}");
            problems.AddRange(Compare(map, model).Select(p => $"#{i} {op}: {p}"));
        }
        return problems;
    }

    /// <summary>The model's call: its code and (for allocate) address.</summary>
    private static (KernReturn Code, ulong At) Apply(Slot?[] model, Op op)
    {
        int first = op.Page, end = op.Page + op.Count;
        bool InMap(int page) => page >= 1 && page <= Pages;
        bool Free(int from, int to) => Enumerable.Range(from, to - from).All(p => model[p] is null);
        switch (op.Kind)
        {
            case 0 or 1 when op.Count == 0:
                return (KernReturn.Success, 0);
            case 0:
                if (!InMap(first) || end > Pages + 1) return (KernReturn.InvalidAddress, 0);
                if (!Free(first, end)) return (KernReturn.NoSpace, 0);
                Fill(first, end);
                return (KernReturn.Success, (ulong)first * P);
            case 1:
                foreach (var from in new[] { Math.Max(first, 1), 1 })
                {
                    for (var s = from; s + op.Count <= Pages + 1; s++)
                    {
                        if (!Free(s, s + op.Count)) continue;
                        Fill(s, s + op.Count);
                        return (KernReturn.Success, (ulong)s * P);
                    }
                }
                return (KernReturn.NoSpace, 0);
            case 2:
                for (var p = Math.Max(first, 1); p < Math.Min(end, Pages + 1); p++) model[p] = null;
                return (KernReturn.Success, 0);
            default:
                if (op.Count == 0) return (KernReturn.Success, 0);
                if (!InMap(first) || end > Pages + 1 || Enumerable.Range(first, op.Count).Any(p => model[p] is null)) return (KernReturn.InvalidAddress, 0);
                if (op.Kind != 5 && Enumerable.Range(first, op.Count).Any(p => (op.Prot & ~model[p]!.Value.Max) != 0)) return (KernReturn.ProtectionFailure, 0);
                for (var p = first; p < end; p++)
                {
                    var s = model[p]!.Value;
                    model[p] = op.Kind switch
                    {
                        3 => s with { Prot = op.Prot },
                        4 => s with { Max = op.Prot, Prot = s.Prot & op.Prot },
                        _ => s with { Inherit = op.Inherit },
                    };
                }
                return (KernReturn.Success, 0);
        }

        void Fill(int from, int to)
        {
            for (var p = from; p < to; p++) model[p] = new Slot(VmProt.Read | VmProt.Write, VmProt.All, VmInherit.Copy);
        }
    }

    /// <summary>Page-by-page comparison and the map's invariants.</summary>
    private static IEnumerable<string> Compare(VmMap map, Slot?[] model)
    {
        var entries = map.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Start >= e.End || e.Start < map.Min || e.End > map.Max || e.Start % P != 0 || e.End % P != 0) yield return $"bad entry {e}";
            if ((e.Protection & ~e.MaxProtection) != 0) yield return $"protection above maximum in {e}";
            if (i > 0 && entries[i - 1].End > e.Start) yield return $"overlap or disorder at {e.Start / P}";
            if (i > 0 && entries[i - 1].End == e.Start && entries[i - 1] with { Start = e.Start, End = e.End } == e) yield return $"not coalesced at {e.Start / P}";
        }
        for (var p = 0; p < model.Length; p++)
        {
            Slot? actual = map.Lookup((ulong)p * P, out var e) ? new Slot(e.Protection, e.MaxProtection, e.Inheritance) : null;
            if (actual != model[p]) yield return $"page {p}: map {actual}, model {model[p]}";
        }
    }
}
