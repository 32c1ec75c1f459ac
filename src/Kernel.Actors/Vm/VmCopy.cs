namespace MachActors.Kernel.Vm;

/// <summary>
/// A virtual copy of a range taken out of a map (Mach's <c>vm_map_copy_t</c>, entry-list kind): the
/// pages as pieces in address order, and where the user's bytes start in the first page.
/// Made by <see cref="VmMap.CopyIn"/>, consumed by <see cref="VmMap.CopyOut"/>,
/// <see cref="VmMap.CopyOverwrite"/> or <see cref="VmMap.Discard"/>.
/// </summary>
/// <param name="Pieces">The pages, in order; their sizes add up to a whole number of pages.</param>
/// <param name="PageOffset">Offset of the first user byte within the first page.</param>
/// <param name="Size">The user's byte count.</param>
public sealed record VmCopy(IReadOnlyList<VmCopyPiece> Pieces, ulong PageOffset, ulong Size)
{
    /// <summary>The empty copy (size 0).</summary>
    public static VmCopy Empty { get; } = new([], 0, 0);

    /// <summary>Bytes of whole pages the pieces cover.</summary>
    public ulong PageBytes => Pieces.Aggregate(0UL, (sum, p) => sum + p.Size);
}
