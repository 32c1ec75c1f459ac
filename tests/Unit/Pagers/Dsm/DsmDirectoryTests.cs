using System.Collections.Immutable;
using MachActors.Pagers.Dsm;

namespace MachActors.Tests.Unit.Pagers.Dsm;

/// <summary>The DSM directory alone: state + message -> new state + effects, per page (Invalid / Shared / Exclusive).</summary>
public sealed class DsmDirectoryTests
{
    private const int Size = 64;
    private const long Seg = 1;
    private const long A = 10;
    private const long B = 20;
    private const long C = 30;

    private static ImmutableArray<byte> Bytes(byte seed) => [.. Enumerable.Range(0, Size).Select(i => (byte)(seed + i))];

    private static DsmDirectory Fresh() => new(Size);

    /// <summary>A directory where <paramref name="writer"/> holds page 0 writable (Exclusive), its hold time over.</summary>
    private static DsmDirectory WithWriter(long writer)
    {
        var d = Fresh();
        d.Request(writer, Seg, 0, write: true);
        d.Released(Seg, 0);
        d.TakeEffects();
        return d;
    }

    /// <summary>The effects without the holds.</summary>
    private static List<DsmEffect> Calls(DsmDirectory d) => [.. d.TakeEffects().Where(e => e is not DsmEffect.Hold)];

    [Fact]
    public void Request_ReadOnAFreshPage_SuppliesZerosWriteLockedAndShared()
    {
        var d = Fresh();

        d.Request(A, Seg, 0, write: false);

        var supply = Assert.IsType<DsmEffect.Supply>(Assert.Single(d.TakeEffects()));
        Assert.Equal((A, false), (supply.Node, supply.Writable));
        Assert.Equal(new byte[Size], supply.Data.ToArray());
        Assert.Equal(DsmPageMode.Shared, d.View(Seg, 0).Mode);
        Assert.Equal([A], d.View(Seg, 0).Readers);
    }

    [Fact]
    public void Request_TwoReaders_BothSharedWithoutRevocation()
    {
        var d = Fresh();
        d.Request(A, Seg, 0, write: false);
        d.Request(B, Seg, 0, write: false);

        Assert.All(d.TakeEffects(), e => Assert.False(Assert.IsType<DsmEffect.Supply>(e).Writable));
        Assert.Equal([A, B], d.View(Seg, 0).Readers);
    }

    [Fact]
    public void Request_WriteWhileOthersRead_RevokesThemAndAnswersOnlyAfterTheLastCompletion()
    {
        var d = Fresh();
        d.Request(A, Seg, 0, write: false);
        d.Request(B, Seg, 0, write: false);
        d.TakeEffects();

        d.Request(C, Seg, 0, write: true);

        Assert.Equal([new DsmEffect.Revoke(A, Seg, 0, true), new DsmEffect.Revoke(B, Seg, 0, true)], d.TakeEffects());
        Assert.Equal([A, B], d.View(Seg, 0).Waiting);
        d.Completed(A, Seg, 0);
        Assert.Empty(d.TakeEffects());
        d.Completed(B, Seg, 0);
        var effects = d.TakeEffects();
        Assert.Equal(2, effects.Count);
        var supply = Assert.IsType<DsmEffect.Supply>(effects[0]);
        Assert.Equal((C, true), (supply.Node, supply.Writable));
        Assert.Equal(new DsmEffect.Hold(C, Seg, 0), effects[1]);
        Assert.Equal((DsmPageMode.Exclusive, (long?)C), (d.View(Seg, 0).Mode, d.View(Seg, 0).Writer));
        Assert.Empty(d.View(Seg, 0).Readers);
    }

    [Fact]
    public void Request_ReadWhileAnotherWrites_DowngradesTheWriterAndSuppliesItsReturnedBytes()
    {
        var d = WithWriter(A);

        d.Request(B, Seg, 0, write: false);
        Assert.Equal([new DsmEffect.Revoke(A, Seg, 0, Flush: false)], d.TakeEffects());
        d.Returned(A, Seg, 0, Bytes(5), dirty: true, kernelCopy: true); // the downgrade's data_return comes before its completion
        d.Completed(A, Seg, 0);

        var supply = Assert.IsType<DsmEffect.Supply>(Assert.Single(d.TakeEffects()));
        Assert.Equal((B, false), (supply.Node, supply.Writable));
        Assert.Equal(Bytes(5).ToArray(), supply.Data.ToArray());
        Assert.Equal((DsmPageMode.Shared, (long?)null), (d.View(Seg, 0).Mode, d.View(Seg, 0).Writer));
        Assert.Equal([A, B], d.View(Seg, 0).Readers); // the writer keeps a read-only copy
    }

    [Fact]
    public void Unlock_FromAReader_RevokesTheOthersThenGrants()
    {
        var d = Fresh();
        d.Request(A, Seg, 0, write: false);
        d.Request(B, Seg, 0, write: false);
        d.TakeEffects();

        d.Unlock(A, Seg, 0);
        Assert.Equal([new DsmEffect.Revoke(B, Seg, 0, true)], d.TakeEffects());
        d.Completed(B, Seg, 0);

        Assert.Equal([new DsmEffect.Grant(A, Seg, 0), new DsmEffect.Hold(A, Seg, 0)], d.TakeEffects());
        Assert.Equal((DsmPageMode.Exclusive, (long?)A), (d.View(Seg, 0).Mode, d.View(Seg, 0).Writer));
    }

    [Fact]
    public void Unlock_FromTheOnlyReader_GrantsAtOnce()
    {
        var d = Fresh();
        d.Request(A, Seg, 0, write: false);
        d.TakeEffects();

        d.Unlock(A, Seg, 0);

        Assert.Equal([new DsmEffect.Grant(A, Seg, 0), new DsmEffect.Hold(A, Seg, 0)], d.TakeEffects());
    }

    [Fact]
    public void Unlock_FromANodeThatNoLongerHoldsThePage_Wakes()
    {
        var d = WithWriter(B);

        d.Unlock(A, Seg, 0);

        Assert.Equal([new DsmEffect.Wake(A, Seg, 0)], d.TakeEffects());
        Assert.Equal((long?)B, d.View(Seg, 0).Writer);
    }

    [Fact]
    public void Requests_WhileARevocationIsPending_QueueAndRunInOrderAfterIt()
    {
        var d = WithWriter(A);
        d.Request(B, Seg, 0, write: true);
        d.Request(C, Seg, 0, write: false);
        Assert.Equal([new DsmEffect.Revoke(A, Seg, 0, true)], d.TakeEffects());
        Assert.Equal(1, d.View(Seg, 0).Queued);

        d.Completed(A, Seg, 0);

        // B gets write and holds the page; C's read waits for the hold, then downgrades B and waits again
        Assert.Equal([new DsmEffect.Supply(B, Seg, 0, d.Data(Seg, 0), true), new DsmEffect.Hold(B, Seg, 0)], d.TakeEffects());
        Assert.Equal((1, true), (d.View(Seg, 0).Queued, d.View(Seg, 0).Held));
        d.Released(Seg, 0);
        Assert.Equal([new DsmEffect.Revoke(B, Seg, 0, false)], d.TakeEffects());
        d.Completed(B, Seg, 0);
        Assert.Equal([new DsmEffect.Supply(C, Seg, 0, d.Data(Seg, 0), false)], d.TakeEffects());
        Assert.Equal([B, C], d.View(Seg, 0).Readers);
    }

    [Fact]
    public void Returned_WithoutAKernelCopy_TakesTheNodeOffThePage()
    {
        var d = WithWriter(A);

        d.Returned(A, Seg, 0, Bytes(3), dirty: true, kernelCopy: false);

        Assert.Equal(DsmPageMode.Invalid, d.View(Seg, 0).Mode);
        Assert.Equal(Bytes(3).ToArray(), d.Data(Seg, 0).ToArray());
        d.Request(B, Seg, 0, write: true);
        Assert.Equal([new DsmEffect.Supply(B, Seg, 0, d.Data(Seg, 0), true)], Calls(d)); // nothing to revoke
    }

    [Fact]
    public void Returned_CleanOrWrongSize_KeepsThePagersCopy()
    {
        var d = WithWriter(A);
        d.Returned(A, Seg, 0, Bytes(3), dirty: true, kernelCopy: true);

        d.Returned(A, Seg, 0, Bytes(4), dirty: false, kernelCopy: true);
        d.Returned(A, Seg, 0, [1, 2, 3], dirty: true, kernelCopy: true);

        Assert.Equal(Bytes(3).ToArray(), d.Data(Seg, 0).ToArray());
    }

    [Fact]
    public void NodeGone_WhileAwaited_CountsAsCompletedAndTheRequestGoesOn()
    {
        var d = WithWriter(A);
        d.Request(B, Seg, 0, write: true);
        d.TakeEffects();

        d.NodeGone(A);

        Assert.Equal([new DsmEffect.Supply(B, Seg, 0, d.Data(Seg, 0), true)], Calls(d));
    }

    [Fact]
    public void NodeGone_TheRequester_ItsWaitingAndQueuedRequestsAreDropped()
    {
        var d = WithWriter(A);
        d.Request(B, Seg, 0, write: true);
        d.Request(B, Seg, 0, write: false);
        d.TakeEffects();

        d.NodeGone(B);
        d.Completed(A, Seg, 0);

        Assert.Empty(d.TakeEffects());
        Assert.Equal(DsmPageMode.Invalid, d.View(Seg, 0).Mode);
        Assert.Equal(0, d.View(Seg, 0).Queued);
    }

    [Fact]
    public void Completed_NobodyWaits_Ignored()
    {
        var d = WithWriter(A);

        d.Completed(B, Seg, 0);
        d.Completed(A, Seg, 4 * Size);

        Assert.Empty(d.TakeEffects());
        Assert.Equal((long?)A, d.View(Seg, 0).Writer);
    }

    [Fact]
    public void Segments_AreIndependent()
    {
        var d = WithWriter(A);

        d.Request(B, Seg + 1, 0, write: true);

        Assert.Equal([new DsmEffect.Supply(B, Seg + 1, 0, d.Data(Seg + 1, 0), true)], Calls(d));
        Assert.Equal((long?)A, d.View(Seg, 0).Writer);
    }

    [Fact]
    public void Hold_AnotherNodesRequest_WaitsUntilReleasedWhileTheWritersOwnGoThrough()
    {
        var d = Fresh();
        d.Request(A, Seg, 0, write: true);
        Assert.Equal([new DsmEffect.Supply(A, Seg, 0, d.Data(Seg, 0), true), new DsmEffect.Hold(A, Seg, 0)], d.TakeEffects());

        d.Request(B, Seg, 0, write: true);
        d.Request(A, Seg, 0, write: false); // behind B's: order is kept
        Assert.Empty(d.TakeEffects());
        Assert.True(d.View(Seg, 0).Held);

        d.Released(Seg, 0);
        Assert.Equal([new DsmEffect.Revoke(A, Seg, 0, true)], d.TakeEffects());
        d.Completed(A, Seg, 0);
        Assert.Equal([new DsmEffect.Supply(B, Seg, 0, d.Data(Seg, 0), true), new DsmEffect.Hold(B, Seg, 0)], d.TakeEffects());
    }

    [Fact]
    public void Hold_WriterGone_TheWaitingRequestGoesOnWithoutRelease()
    {
        var d = Fresh();
        d.Request(A, Seg, 0, write: true);
        d.Request(B, Seg, 0, write: false);
        d.TakeEffects();

        d.Returned(A, Seg, 0, Bytes(2), dirty: true, kernelCopy: false); // evicted: A holds nothing now

        var supply = Assert.IsType<DsmEffect.Supply>(Assert.Single(d.TakeEffects()));
        Assert.Equal((B, false), (supply.Node, supply.Writable));
        Assert.Equal(Bytes(2).ToArray(), supply.Data.ToArray());
    }

    [Fact]
    public void Request_WriterAsksToReadAgain_KeepsWriting()
    {
        var d = WithWriter(A);

        d.Request(A, Seg, 0, write: false);

        Assert.True(Assert.IsType<DsmEffect.Supply>(Assert.Single(d.TakeEffects())).Writable);
        Assert.Equal((long?)A, d.View(Seg, 0).Writer);
    }
}
