namespace MachActors.Kernel.Vm;

/// <summary>The result of a <see cref="Pmap"/> call: a code and, on success, what changed, by page.</summary>
/// <param name="Status">Success, or why nothing changed.</param>
/// <param name="Changes">The mappings removed or narrowed, in page order; empty on failure.</param>
public sealed record PmapResult(KernReturn Status, IReadOnlyList<PmapChange> Changes)
{
    /// <summary>The CPUs any change needs shot down (the union of their masks).</summary>
    public ulong Cpus => Changes.Aggregate(0UL, (mask, c) => mask | c.Cpus);

    internal static PmapResult Fail(KernReturn status) => new(status, []);
}
