namespace MachActors.Kernel.Vm;

public sealed partial class VmMap
{
    /// <summary>Protection of freshly allocated memory (VM_PROT_DEFAULT).</summary>
    public const VmProt DefaultProtection = VmProt.Read | VmProt.Write;

    /// <summary>
    /// vm_allocate: zero-filled memory of <paramref name="size"/> bytes (rounded up to pages).
    /// Anywhere: the first fit at or after <paramref name="address"/> (then from Min); fixed: at
    /// <paramref name="address"/> truncated to its page. Protection Read|Write, maximum All, inheritance Copy.
    /// </summary>
    /// <returns>Success (size 0 too, with address 0, as Mach); NoSpace when nothing fits anywhere or a
    /// fixed range overlaps a mapping; InvalidAddress when a fixed range leaves [Min, Max).</returns>
    public KernReturn Allocate(ulong address, ulong size, bool anywhere, out ulong allocated) =>
        Enter(address, size, 0, anywhere, new VmMapEntry(0, 0, null, 0, DefaultProtection, VmProt.All, VmInherit.Copy, false, false), Naming.Take, out allocated);

    /// <summary>
    /// vm_deallocate: unmaps every page of [trunc(address), round(address + size)) that is mapped
    /// (holes allowed; the part outside [Min, Max) is ignored, as Mach's range check). Effects: a
    /// pmap remove of the range, then a release of each object no longer named.
    /// </summary>
    /// <returns>Success (size 0 too); InvalidArgument when address + size passes 2^64.</returns>
    public KernReturn Deallocate(ulong address, ulong size)
    {
        if (size == 0) return KernReturn.Success;
        if (!VmAddress.TryPageRange(address, size, PageSize, out var start, out var end)) return KernReturn.InvalidArgument;
        start = Math.Max(start, Min);
        end = Math.Min(end, Max);
        if (start >= end || IsFree(start, end)) return KernReturn.Success;
        var (first, last) = ClipRange(start, end);
        _effects.Add(new VmMapEffect.PmapRemove(start, end));
        RemoveRange(first, last);
        return KernReturn.Success;
    }

    /// <summary>
    /// vm_protect on the pages of [address, address + size). With <paramref name="setMaximum"/> the
    /// maximum becomes <paramref name="protection"/> and the current protection is lowered to fit;
    /// otherwise the current protection becomes <paramref name="protection"/>. Entries are clipped to
    /// the range. Lowered pages get a pmap protect effect.
    /// </summary>
    /// <returns>Success (size 0 too); InvalidArgument for bits outside All or a range passing 2^64;
    /// InvalidAddress when a page of the range is unmapped; ProtectionFailure when the protection
    /// exceeds some entry's maximum (nothing changes then).</returns>
    public KernReturn Protect(ulong address, ulong size, bool setMaximum, VmProt protection)
    {
        if ((protection & ~VmProt.All) != 0) return KernReturn.InvalidArgument;
        if (size == 0) return KernReturn.Success;
        if (!VmAddress.TryPageRange(address, size, PageSize, out var start, out var end)) return KernReturn.InvalidArgument;
        if (CheckMapped(start, end) is var mapped and not KernReturn.Success) return mapped;
        if (Overlapping(start, end).Any(e => (protection & ~e.MaxProtection) != 0)) return KernReturn.ProtectionFailure;
        var (first, last) = ClipRange(start, end);
        for (var i = first; i < last; i++)
        {
            var e = _entries[i];
            var changed = setMaximum
                ? e with { MaxProtection = protection, Protection = e.Protection & protection }
                : e with { Protection = protection };
            if ((e.Protection & ~changed.Protection) != 0) ProtectPmap(e.Start, e.End, changed.Protection);
            Replace(i, changed);
        }
        Coalesce(start, end);
        return KernReturn.Success;
    }

    /// <summary>vm_inherit: sets the inheritance of the pages of [address, address + size), clipping entries.</summary>
    /// <returns>Success (size 0 too); InvalidArgument for an unknown inheritance or a range passing
    /// 2^64; InvalidAddress when a page of the range is unmapped (nothing changes then).</returns>
    public KernReturn Inherit(ulong address, ulong size, VmInherit inheritance)
    {
        if (inheritance is not (VmInherit.Share or VmInherit.Copy or VmInherit.None)) return KernReturn.InvalidArgument;
        if (size == 0) return KernReturn.Success;
        if (!VmAddress.TryPageRange(address, size, PageSize, out var start, out var end)) return KernReturn.InvalidArgument;
        if (CheckMapped(start, end) is var mapped and not KernReturn.Success) return mapped;
        var (first, last) = ClipRange(start, end);
        for (var i = first; i < last; i++) Replace(i, _entries[i] with { Inheritance = inheritance });
        Coalesce(start, end);
        return KernReturn.Success;
    }

    /// <summary>vm_region: the entry containing <paramref name="address"/>, or else the next one above it.</summary>
    /// <returns>Success with the region; NoSpace (and null) when no entry lies at or above the address.</returns>
    public KernReturn Region(ulong address, out VmRegionInfo? region)
    {
        var i = IndexAtOrAfter(address);
        if (i >= _entries.Count)
        {
            region = null;
            return KernReturn.NoSpace;
        }
        var e = _entries[i];
        region = new VmRegionInfo(e.Start, e.Size, e.Protection, e.MaxProtection, e.Inheritance, e.Shared, e.Object?.Id ?? 0, e.Offset);
        return KernReturn.Success;
    }

    /// <summary>
    /// vm_map: maps <paramref name="size"/> bytes (rounded up to pages) of <paramref name="memoryObject"/>
    /// from <paramref name="offset"/> (null: anonymous zero-fill memory, offset ignored), anywhere
    /// (first fit from <paramref name="address"/>, aligned to <paramref name="mask"/> + 1) or fixed.
    /// The current protection is cut to the maximum. The map takes a reference on the object (an
    /// external one, a memory object's, is mapped shared: other tasks map it too, so a copy of the entry
    /// is a copy object and a write into it is in place); with
    /// <paramref name="copy"/> it maps instead a new object made by the object's copy strategy
    /// (a <see cref="VmMapEffect.CopyCreated"/> effect).
    /// </summary>
    /// <returns>Success; InvalidArgument for size 0, protection bits outside All, an unknown
    /// inheritance, an unaligned offset, or offset + size passing 2^64; NoSpace and InvalidAddress as
    /// <see cref="Allocate"/>.</returns>
    public KernReturn Map(
        ulong address, ulong size, ulong mask, bool anywhere, VmObjectRef? memoryObject, ulong offset, bool copy,
        VmProt protection, VmProt maxProtection, VmInherit inheritance, out ulong mapped)
    {
        mapped = 0;
        if (size == 0 || ((protection | maxProtection) & ~VmProt.All) != 0) return KernReturn.InvalidArgument;
        if (inheritance is not (VmInherit.Share or VmInherit.Copy or VmInherit.None)) return KernReturn.InvalidArgument;
        if (memoryObject is null) offset = 0;
        if (!VmAddress.IsPageAligned(offset, PageSize) || !VmAddress.TryRoundPage(size, PageSize, out var rounded) || rounded > ulong.MaxValue - offset)
        {
            return KernReturn.InvalidArgument;
        }
        var template = new VmMapEntry(0, 0, memoryObject, offset, protection & maxProtection, maxProtection, inheritance, false, memoryObject?.External == true);
        if (!copy || memoryObject is null) return Enter(address, size, mask, anywhere, template, Naming.Take, out mapped);
        var code = Place(address, rounded, mask, anywhere, out var start);
        if (code != KernReturn.Success) return code;
        var made = NewObject();
        _effects.Add(new VmMapEffect.CopyCreated(made, memoryObject, offset, rounded));
        return Enter(start, rounded, 0, false, template with { Object = made, Offset = 0, Shared = false }, Naming.Adopt, out mapped);
    }

    /// <summary>Enters <paramref name="template"/> (its range replaced) over a placed range; the common tail of allocate and map.</summary>
    private KernReturn Enter(ulong address, ulong size, ulong mask, bool anywhere, VmMapEntry template, Naming naming, out ulong entered)
    {
        entered = 0;
        if (size == 0) return KernReturn.Success;
        if (!VmAddress.TryRoundPage(size, PageSize, out var rounded)) return KernReturn.NoSpace;
        var code = Place(address, rounded, mask, anywhere, out var start);
        if (code != KernReturn.Success) return code;
        var at = IndexAtOrAfter(start);
        Insert(at, template with { Start = start, End = start + rounded }, naming);
        Coalesce(start, start + rounded);
        entered = start;
        return KernReturn.Success;
    }

    /// <summary>Where <paramref name="size"/> (page-rounded, positive) bytes go: first fit from the hint, or the fixed address.</summary>
    private KernReturn Place(ulong address, ulong size, ulong mask, bool anywhere, out ulong start)
    {
        if (anywhere)
        {
            if (TryFindSpace(address, size, mask, out start) || (address > Min && TryFindSpace(Min, size, mask, out start))) return KernReturn.Success;
            return KernReturn.NoSpace;
        }
        start = VmAddress.TruncPage(address, PageSize);
        if (start < Min || start >= Max || Max - start < size) return KernReturn.InvalidAddress;
        return IsFree(start, start + size) ? KernReturn.Success : KernReturn.NoSpace;
    }
}
