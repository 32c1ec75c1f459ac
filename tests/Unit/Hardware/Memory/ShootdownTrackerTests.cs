using MachActors.Hardware.Memory;

namespace MachActors.Tests.Unit.Hardware.Memory;

public sealed class ShootdownTrackerTests
{
    private const long P = 3;
    private static readonly FrameNumber F5 = new(5), F6 = new(6);

    private readonly ShootdownTracker _tracker = new();

    [Fact]
    public void Begin_NoCpuCaches_CompletesAtOnceAndReleasesTheFrames()
    {
        var outcome = _tracker.Begin(P, 0, 4, frames: [F5]);

        Assert.Equal(ShootdownState.Completed, outcome.State);
        Assert.Equal([F5], outcome.ReleasedFrames);
        Assert.False(_tracker.IsHeld(F5));
        Assert.Equal(0, _tracker.PendingCount);
    }

    [Fact]
    public void Begin_CachingCpus_WaitsForThemAndHoldsTheFrames()
    {
        _tracker.NoteCached(P, 0);
        _tracker.NoteCached(P, 2);

        var outcome = _tracker.Begin(P, 10, 2, frames: [F5]);

        Assert.Equal(ShootdownState.Pending, outcome.State);
        Assert.Equal(0b101UL, outcome.WaitingFor);
        Assert.Equal(new TlbShootdown(P, 10, 2, outcome.Request!.Token), outcome.Request);
        Assert.True(_tracker.IsHeld(F5));
        Assert.Empty(outcome.ReleasedFrames);
    }

    [Fact]
    public void Acknowledge_CompletesOnlyAfterEveryCpu()
    {
        _tracker.NoteCached(P, 0);
        _tracker.NoteCached(P, 1);
        var token = _tracker.Begin(P, 0, 1, frames: [F5]).Request!.Token;

        var first = _tracker.Acknowledge(1, token);
        var last = _tracker.Acknowledge(0, token);

        Assert.Equal(ShootdownState.Pending, first.State);
        Assert.Equal(0b1UL, first.WaitingFor);
        Assert.True(first.ReleasedFrames.Count == 0);
        Assert.Equal(ShootdownState.Completed, last.State);
        Assert.Equal([F5], last.ReleasedFrames);
        Assert.False(_tracker.IsPending(token));
        Assert.False(_tracker.IsHeld(F5));
    }

    [Fact]
    public void Acknowledge_StaleRepeatedOrForeign_IsIgnoredAndCounted()
    {
        _tracker.NoteCached(P, 0);
        _tracker.NoteCached(P, 1);
        var token = _tracker.Begin(P, 0, 1).Request!.Token;
        _tracker.Acknowledge(0, token);

        Assert.Equal(ShootdownState.Stale, _tracker.Acknowledge(0, token).State);          // repeat
        Assert.Equal(ShootdownState.Stale, _tracker.Acknowledge(5, token).State);          // never asked
        Assert.Equal(ShootdownState.Stale, _tracker.Acknowledge(1, token + 100).State);    // unknown token
        Assert.True(_tracker.IsPending(token));
        Assert.Equal(3, _tracker.StaleAcks);

        Assert.Equal(ShootdownState.Completed, _tracker.Acknowledge(1, token).State);
        Assert.Equal(ShootdownState.Stale, _tracker.Acknowledge(1, token).State);          // finished
    }

    [Fact]
    public void Release_FrameHeldByTwoShootdowns_OnlyAfterBoth()
    {
        _tracker.NoteCached(P, 0);
        _tracker.NoteCached(P + 1, 1);
        var a = _tracker.Begin(P, 0, 1, frames: [F5, F6]).Request!.Token;
        var b = _tracker.Begin(P + 1, 0, 1, frames: [F5]).Request!.Token;

        var firstDone = _tracker.Acknowledge(0, a);
        var secondDone = _tracker.Acknowledge(1, b);

        Assert.Equal([F6], firstDone.ReleasedFrames);
        Assert.Equal([F5], secondDone.ReleasedFrames);
    }

    [Fact]
    public void Begin_ExplicitCpus_OverridesThePmapsSet()
    {
        _tracker.NoteCached(P, 0);

        var outcome = _tracker.Begin(P, 0, 1, cpus: 0b10);

        Assert.Equal(0b10UL, outcome.WaitingFor);
        Assert.Equal(ShootdownState.Completed, _tracker.Acknowledge(1, outcome.Request!.Token).State);
    }

    [Fact]
    public void Tokens_CountUpFromOne()
    {
        Assert.Equal(1, _tracker.Begin(P, 0, 1).Request!.Token);
        Assert.Equal(2, _tracker.Begin(P, 0, 1).Request!.Token);
    }

    [Fact]
    public void WholePmapAck_ForgetsThatCpuForThePmap()
    {
        _tracker.NoteCached(P, 0);
        _tracker.NoteCached(P, 1);
        var whole = TlbShootdown.WholePmap(P, 0);
        var token = _tracker.Begin(P, whole.FirstPage, whole.PageCount).Request!.Token;

        _tracker.Acknowledge(1, token);

        Assert.Equal(0b1UL, _tracker.CpusCaching(P));
    }

    [Fact]
    public void RangeAck_KeepsTheCpuCaching()
    {
        _tracker.NoteCached(P, 1);
        var token = _tracker.Begin(P, 0, 1).Request!.Token;

        _tracker.Acknowledge(1, token);

        Assert.Equal(0b10UL, _tracker.CpusCaching(P));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 0)]
    public void Begin_BadRange_IsInvalidAndHoldsNothing(long first, long count)
    {
        var outcome = _tracker.Begin(P, first, count, frames: [F5]);

        Assert.Equal(ShootdownState.InvalidArgument, outcome.State);
        Assert.Null(outcome.Request);
        Assert.False(_tracker.IsHeld(F5));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(64)]
    public void CpuOutOfRange_IsRefused(int cpu)
    {
        Assert.False(_tracker.NoteCached(P, cpu));
        Assert.Equal(ShootdownState.InvalidArgument, _tracker.Acknowledge(cpu, 1).State);
        Assert.Equal(0UL, _tracker.CpusCaching(P));
    }

    [Fact]
    public void ForgetPmap_ClearsItsCpus()
    {
        _tracker.NoteCached(P, 4);

        _tracker.ForgetPmap(P);

        Assert.Equal(0UL, _tracker.CpusCaching(P));
        Assert.Equal(0, ShootdownTracker.CountCpus(_tracker.CpusCaching(P)));
        Assert.Equal(2, ShootdownTracker.CountCpus(0b1010));
    }
}
