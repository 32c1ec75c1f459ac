using MachActors.Pagers.Dsm;

namespace MachActors.Tests.Coyote.SeededPagers;

/// <summary>
/// The seeded bug (spec R15, on the DSM pager's side): a <see cref="DsmPager"/> whose directory answers a
/// request as soon as it has sent the revocations it needs, without waiting for their lock_completed. The
/// other node's modifications are still on their way back (their data_return comes before the completion,
/// but after the answer), so the requester is supplied the pager's stale copy, or granted write while the
/// other node still holds a copy.
/// </summary>
public sealed class HastyDsmPager(int pageSize, CoherenceAudit audit) : DsmPager(pageSize, audit)
{
    /// <summary>The hasty directory.</summary>
    protected override DsmDirectory NewDirectory(int pageSize) => new HastyDsmDirectory(pageSize);
}
