using MachActors.Hardware;

namespace MachActors.Kernel.Vm;

public sealed partial class VmMap
{
    /// <summary>
    /// The map side of fork (vm_map_fork): fills the empty <paramref name="child"/> from this map,
    /// entry by entry, by inheritance.
    /// <list type="bullet">
    /// <item>None: the child has a hole.</item>
    /// <item>Share: both entries name one object and are marked shared. Anonymous memory not yet
    /// materialised gets its object now (<see cref="VmMapEffect.ObjectCreated"/> on this map); a
    /// needs-copy entry first gets its shadow (<see cref="VmMapEffect.ShadowCreated"/>).</item>
    /// <item>Copy: memory not yet materialised stays so in both. A private object becomes a symmetric
    /// copy: both entries name it and are marked needs-copy, and this map's pages that were writable
    /// are write-protected (<see cref="VmMapEffect.PmapProtect"/> on this map). A shared object is
    /// copied by its strategy instead (<see cref="VmMapEffect.CopyCreated"/> on the child).</item>
    /// </list>
    /// The child takes its own reference on each object it names (its effects).
    /// </summary>
    /// <returns>Success; InvalidArgument when the child is this map, is not empty, or differs in page size or bounds.</returns>
    public KernReturn ForkInto(VmMap child)
    {
        if (child is null || ReferenceEquals(child, this) || child.Count != 0 || child.PageSize != PageSize || child.Min != Min || child.Max != Max)
        {
            return KernReturn.InvalidArgument;
        }
        for (var i = 0; i < _entries.Count; i++)
        {
            var e = _entries[i];
            switch (e.Inheritance)
            {
                case VmInherit.Share:
                case VmInherit.Copy when (SeededBugs & SeededBugs.ForkCopyShares) != 0: // the seeded bug: tests only
                    e = ShareEntry(i);
                    child.Insert(child.Count, e);
                    break;
                case VmInherit.Copy when e.Object is null:
                    child.Insert(child.Count, e);
                    break;
                case VmInherit.Copy when e is { Shared: true, Object: { } source }:
                    var made = child.NewObject();
                    child._effects.Add(new VmMapEffect.CopyCreated(made, source, e.Offset, e.Size));
                    child.Insert(child.Count, e with { Object = made, Offset = 0, Shared = false, NeedsCopy = false }, Naming.Adopt);
                    break;
                case VmInherit.Copy:
                    e = MarkNeedsCopy(i);
                    child.Insert(child.Count, e);
                    break;
                default:
                    break;
            }
        }
        CoalesceAll();
        child.CoalesceAll();
        return KernReturn.Success;
    }

    /// <summary>Makes entry <paramref name="index"/> shareable (materialised, not needs-copy, shared) and returns it.</summary>
    private VmMapEntry ShareEntry(int index)
    {
        var e = _entries[index];
        if (e.Object is null)
        {
            var made = NewObject();
            _effects.Add(new VmMapEffect.ObjectCreated(made, e.Size));
            e = e with { Object = made, Offset = 0 };
            Replace(index, e, Naming.Adopt);
        }
        else if (e.NeedsCopy)
        {
            var shadow = NewObject();
            _effects.Add(new VmMapEffect.ShadowCreated(shadow, e.Object, e.Offset, e.Size));
            e = e with { Object = shadow, Offset = 0, NeedsCopy = false };
            Replace(index, e, Naming.Adopt);
        }
        e = e with { Shared = true };
        Replace(index, e);
        return e;
    }

    /// <summary>
    /// Marks entry <paramref name="index"/> (a private object) needs-copy, write-protecting its pages
    /// unless it already was, and returns it.
    /// </summary>
    private VmMapEntry MarkNeedsCopy(int index)
    {
        var e = _entries[index];
        if (e.NeedsCopy) return e;
        if ((e.Protection & VmProt.Write) != 0) ProtectPmap(e.Start, e.End, e.Protection & ~VmProt.Write);
        e = e with { NeedsCopy = true };
        Replace(index, e);
        return e;
    }
}
