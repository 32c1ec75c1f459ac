namespace MachActors.Kernel.Vm;

public sealed partial class VmMap
{
    /// <summary>
    /// The map side of copy-in (vm_map_copyin, for vm_read, vm_copy and out-of-line data): a virtual copy
    /// of the pages of [address, address + size). Memory not yet materialised becomes zero-fill pieces;
    /// a private object becomes a symmetric copy (the source entry is marked needs-copy and its writable
    /// pages write-protected; the piece is needs-copy); a shared object is copied by its strategy
    /// (<see cref="VmMapEffect.CopyCreated"/>). The copy holds one reference per piece (effects here).
    /// </summary>
    /// <returns>Success (size 0: the empty copy); InvalidAddress when a page is unmapped or the range
    /// passes 2^64 or leaves [Min, Max); ProtectionFailure when a page is not readable (nothing changes then).</returns>
    public KernReturn CopyIn(ulong address, ulong size, out VmCopy copy)
    {
        copy = VmCopy.Empty;
        if (CheckCopyIn(address, size) is var check and not KernReturn.Success) return check;
        if (size == 0) return KernReturn.Success;
        VmAddress.TryPageRange(address, size, PageSize, out var start, out var end);
        var (first, last) = ClipRange(start, end);
        var pieces = new List<VmCopyPiece>(last - first);
        for (var i = first; i < last; i++)
        {
            var e = _entries[i];
            if (e.Object is null)
            {
                pieces.Add(new VmCopyPiece(null, 0, e.Size, false));
            }
            else if (e.Shared)
            {
                var made = NewObject();
                _effects.Add(new VmMapEffect.CopyCreated(made, e.Object, e.Offset, e.Size));
                pieces.Add(new VmCopyPiece(made, 0, e.Size, false));
            }
            else
            {
                MarkNeedsCopy(i);
                _effects.Add(new VmMapEffect.ObjectReferenced(e.Object));
                pieces.Add(new VmCopyPiece(e.Object, e.Offset, e.Size, true));
            }
        }
        Coalesce(start, end);
        copy = new VmCopy(pieces, address - start, size);
        return KernReturn.Success;
    }

    /// <summary>Whether <see cref="CopyIn"/> of [address, address + size) would succeed; changes nothing.</summary>
    /// <returns>Success (size 0 too); InvalidAddress or ProtectionFailure as <see cref="CopyIn"/>.</returns>
    public KernReturn CheckCopyIn(ulong address, ulong size)
    {
        if (size == 0) return KernReturn.Success;
        if (!VmAddress.TryPageRange(address, size, PageSize, out var start, out var end)) return KernReturn.InvalidAddress;
        if (CheckMapped(start, end) is var mapped and not KernReturn.Success) return mapped;
        return Overlapping(start, end).Any(e => (e.Protection & VmProt.Read) == 0) ? KernReturn.ProtectionFailure : KernReturn.Success;
    }

    /// <summary>
    /// The map side of copy-out (vm_map_copyout, for vm_read and received out-of-line data): maps
    /// <paramref name="copy"/> at the first fit from Min, one entry per piece (Read|Write, maximum All,
    /// inheritance Copy), and consumes the copy's references. <paramref name="address"/> is where the
    /// user's first byte lies.
    /// </summary>
    /// <returns>Success (the empty copy: address 0); NoSpace when it does not fit (the copy is then
    /// not consumed: the caller discards it).</returns>
    public KernReturn CopyOut(VmCopy copy, out ulong address)
    {
        ArgumentNullException.ThrowIfNull(copy);
        address = 0;
        if (copy.Pieces.Count == 0) return KernReturn.Success;
        var bytes = copy.PageBytes;
        if (!TryFindSpace(Min, bytes, 0, out var start)) return KernReturn.NoSpace;
        var at = start;
        var index = IndexAtOrAfter(start);
        foreach (var p in copy.Pieces)
        {
            Insert(index++, new VmMapEntry(at, at + p.Size, p.Object, p.Object is null ? 0 : p.Offset, DefaultProtection, VmProt.All, VmInherit.Copy, p.NeedsCopy && p.Object is not null, false), Naming.Adopt);
            at += p.Size;
        }
        Coalesce(start, at);
        address = start + copy.PageOffset;
        return KernReturn.Success;
    }

    /// <summary>
    /// The map side of vm_write (vm_map_copy_overwrite): the pages at <paramref name="address"/> take the
    /// contents of <paramref name="copy"/>, keeping their protection and inheritance. A private
    /// destination entry is replaced by the copy's object (needs-copy as the piece); a shared one is
    /// written in place (<see cref="VmMapEffect.ObjectOverwritten"/>). Old mappings are removed from the
    /// pmap first; the copy's references are consumed.
    /// </summary>
    /// <returns>Success (an empty copy too); InvalidArgument when the address, the copy's start or its
    /// size is not page-aligned; InvalidAddress when a destination page is unmapped or the range passes
    /// the top; ProtectionFailure when one is not writable. On failure the copy is not consumed.</returns>
    public KernReturn CopyOverwrite(ulong address, VmCopy copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        if (copy.Size == 0) return KernReturn.Success;
        if (!VmAddress.IsPageAligned(address, PageSize) || copy.PageOffset != 0 || !VmAddress.IsPageAligned(copy.Size, PageSize))
        {
            return KernReturn.InvalidArgument;
        }
        var code = CheckWritable(address, copy.Size);
        if (code != KernReturn.Success) return code;
        var end = address + copy.Size;
        _effects.Add(new VmMapEffect.PmapRemove(address, end));
        var at = address;
        foreach (var p in copy.Pieces)
        {
            var pieceStart = at;
            at += p.Size;
            var (first, last) = ClipRange(pieceStart, at);
            for (var i = first; i < last; i++)
            {
                var e = _entries[i];
                var offset = p.Object is null ? 0 : p.Offset + (e.Start - pieceStart);
                if (e is { Shared: true, Object: { } target })
                {
                    _effects.Add(new VmMapEffect.ObjectOverwritten(target, e.Offset, p.Object, offset, e.Size));
                }
                else
                {
                    Replace(i, e with { Object = p.Object, Offset = offset, NeedsCopy = p.NeedsCopy && p.Object is not null, Shared = false });
                }
            }
        }
        Discard(copy);
        Coalesce(address, end);
        return KernReturn.Success;
    }

    /// <summary>
    /// vm_copy: copies the pages of [source, source + size) over those at <paramref name="destination"/>
    /// (copy-in, then overwrite). The destination is checked before the source is touched; a copy the
    /// overwrite refuses is discarded.
    /// </summary>
    /// <returns>Success (size 0 too); InvalidArgument when an address or the size is unaligned;
    /// InvalidAddress and ProtectionFailure as <see cref="CopyIn"/> and <see cref="CopyOverwrite"/>.</returns>
    public KernReturn Copy(ulong source, ulong size, ulong destination)
    {
        if (size == 0) return KernReturn.Success;
        if (!VmAddress.IsPageAligned(source, PageSize) || !VmAddress.IsPageAligned(destination, PageSize) || !VmAddress.IsPageAligned(size, PageSize))
        {
            return KernReturn.InvalidArgument;
        }
        var code = CheckWritable(destination, size);
        if (code != KernReturn.Success) return code;
        code = CopyIn(source, size, out var copy);
        if (code != KernReturn.Success) return code;
        code = CopyOverwrite(destination, copy);
        if (code != KernReturn.Success) Discard(copy); // not consumed: its references go
        return code;
    }

    /// <summary>Drops a copy that will not be mapped: one release per piece with an object.</summary>
    public void Discard(VmCopy copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        foreach (var p in copy.Pieces)
        {
            if (p.Object is not null) _effects.Add(new VmMapEffect.ObjectReleased(p.Object));
        }
    }

    /// <summary>InvalidAddress unless [address, address + size) is mapped (and below 2^64); ProtectionFailure unless writable.</summary>
    private KernReturn CheckWritable(ulong address, ulong size)
    {
        if (size > ulong.MaxValue - address) return KernReturn.InvalidAddress;
        var end = address + size;
        if (CheckMapped(address, end) is var mapped and not KernReturn.Success) return mapped;
        return Overlapping(address, end).Any(e => (e.Protection & VmProt.Write) == 0) ? KernReturn.ProtectionFailure : KernReturn.Success;
    }
}
