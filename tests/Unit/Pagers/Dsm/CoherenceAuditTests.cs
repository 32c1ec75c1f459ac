using MachActors.Pagers.Dsm;

namespace MachActors.Tests.Unit.Pagers.Dsm;

/// <summary>The coherence audit alone: copies granted and confirmed revoked, and the violations of read-many / write-one.</summary>
public sealed class CoherenceAuditTests
{
    [Fact]
    public void Granted_ReadersTogether_NoViolation()
    {
        var audit = new CoherenceAudit();
        audit.Granted(1, 0, 0, writable: false);
        audit.Granted(2, 0, 0, writable: false);

        Assert.Equal((0L, 0), (audit.Violations, audit.MostWriters));
    }

    [Fact]
    public void Granted_WriteBeforeTheOthersFlushCompleted_IsAViolation()
    {
        var audit = new CoherenceAudit();
        audit.Granted(DsmPager.KeyFor(0, 1), 0, 0, writable: true);
        audit.Revoking(DsmPager.KeyFor(0, 1), 0, 0, flush: true);

        audit.Granted(DsmPager.KeyFor(0, 2), 0, 0, writable: true);

        Assert.Equal(1, audit.Violations);
        Assert.Equal(2, audit.MostWriters);
        Assert.Contains("node 2 was given a writable copy", audit.First);
        Assert.Contains("1 (writable)", audit.First);
    }

    [Fact]
    public void Granted_WriteAfterTheFlushCompleted_NoViolation()
    {
        var audit = new CoherenceAudit();
        audit.Granted(1, 0, 0, writable: true);
        audit.Revoking(1, 0, 0, flush: true);
        audit.Completed(1, 0, 0);

        audit.Granted(2, 0, 0, writable: true);

        Assert.Equal((0L, 1), (audit.Violations, audit.MostWriters));
    }

    [Fact]
    public void Granted_ReadAfterADowngradeCompleted_NoViolationButWriteStillIs()
    {
        var audit = new CoherenceAudit();
        audit.Granted(1, 0, 0, writable: true);
        audit.Revoking(1, 0, 0, flush: false);
        audit.Completed(1, 0, 0);

        audit.Granted(2, 0, 0, writable: false);
        Assert.Equal(0, audit.Violations);
        audit.Granted(2, 0, 0, writable: true); // node 1 still holds its read-only copy
        Assert.Equal(1, audit.Violations);
    }

    [Fact]
    public void DroppedAndGone_TakeTheCopyAway()
    {
        var audit = new CoherenceAudit();
        audit.Granted(1, 0, 0, writable: true);
        audit.Granted(3, 0, 8, writable: true);
        audit.Dropped(1, 0, 0);
        audit.Gone(3);

        audit.Granted(2, 0, 0, writable: true);
        audit.Granted(2, 0, 8, writable: true);

        Assert.Equal(0, audit.Violations);
    }

    [Fact]
    public void Completed_WithoutARevocation_ChangesNothing()
    {
        var audit = new CoherenceAudit();
        audit.Granted(1, 0, 0, writable: true);
        audit.Completed(1, 0, 0);

        audit.Granted(2, 0, 0, writable: false);

        Assert.Equal(1, audit.Violations);
    }
}
