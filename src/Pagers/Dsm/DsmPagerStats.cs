using System.Globalization;

namespace MachActors.Pagers.Dsm;

/// <summary>What a <see cref="DsmPager"/> did (its answer to <see cref="GetDsmPagerStats"/>); counts since it started.</summary>
/// <param name="Nodes">Node incarnations initialised (memory object inits).</param>
/// <param name="Pages">Pages the directory has an entry for.</param>
/// <param name="Supplies">data_supply answers (read-only and writable).</param>
/// <param name="Revocations">lock_requests revoking a copy (invalidate or downgrade).</param>
/// <param name="Grants">lock_requests lifting a node's write lock (answers to data_unlock).</param>
/// <param name="Violations">Coherence violations the <see cref="CoherenceAudit"/> saw (0 for a correct pager).</param>
/// <param name="MostWriters">The most nodes that held a writable copy of one page at once.</param>
/// <param name="FirstViolation">The first violation, described, or null.</param>
public sealed record DsmPagerStats(long Nodes, int Pages, long Supplies, long Revocations, long Grants, long Violations, int MostWriters, string? FirstViolation)
{
    /// <summary>One line for a run's report.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Nodes} node incarnation(s), {Pages} page(s), {Supplies} supplies, {Revocations} revocations, {Grants} write grants; coherence: {(Violations == 0 ? "no violation" : $"{Violations} violation(s), first: {FirstViolation}")}, at most {MostWriters} writer(s) per page");
}
