using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Tests.Unit.Personalities.Unix.Server;

/// <summary>Signal masks and what interrupts, without a machine: blocked signals stay pending, SIGKILL is never blocked, fork and exec.</summary>
public sealed class SignalStateTests
{
    private const int Term = 1 << Signal.SIGTERM;

    [Fact]
    public void SetMask_BlockUnblockSetmask_PreviousAndNewMask()
    {
        var s = new SignalState();

        Assert.Equal(Errno.None, s.SetMask(SigprocmaskHow.Block, Term, out var p1));
        Assert.Equal(Errno.None, s.SetMask(SigprocmaskHow.Block, 1 << Signal.SIGPIPE, out var p2));
        Assert.Equal(Errno.None, s.SetMask(SigprocmaskHow.Unblock, Term, out var p3));
        Assert.Equal(Errno.None, s.SetMask(SigprocmaskHow.SetMask, Term, out var p4));

        Assert.Equal([0, Term, Term | (1 << Signal.SIGPIPE), 1 << Signal.SIGPIPE], new[] { p1, p2, p3, p4 });
        Assert.Equal(Term, s.Mask);
    }

    [Fact]
    public void SetMask_BadHowOrSigkill_EinvalUnchangedAndSigkillLeftOut()
    {
        var s = new SignalState();
        s.SetMask(SigprocmaskHow.SetMask, Term, out _);

        Assert.Equal(Errno.EINVAL, s.SetMask(0, -1, out _));
        Assert.Equal(Term, s.Mask);
        s.SetMask(SigprocmaskHow.SetMask, -1, out _);
        Assert.Equal(0, s.Mask & (1 << Signal.SIGKILL));
        Assert.Equal(0, s.Mask & 1);
        Assert.Equal(SignalAction.Terminate, s.Post(Signal.SIGKILL));
    }

    [Fact]
    public void Post_CaughtButBlocked_HoldsUntilUnblockedThenDeliverable()
    {
        var s = new SignalState();
        s.Set(Signal.SIGTERM, SignalDisposition.Catch, out _);
        s.SetMask(SigprocmaskHow.Block, Term, out _);

        Assert.Equal(SignalAction.Hold, s.Post(Signal.SIGTERM));
        Assert.False(s.HasDeliverable);
        Assert.Equal(0, s.TakePending());
        Assert.Equal(Term, s.Pending);

        s.SetMask(SigprocmaskHow.Unblock, Term, out _);

        Assert.True(s.HasDeliverable);
        Assert.Equal(0, s.TakeFatal());
        Assert.Equal(Term, s.TakePending());
        Assert.Equal(0, s.Pending);
    }

    [Fact]
    public void Post_DefaultButBlocked_HoldsThenFatalWhenUnblocked()
    {
        var s = new SignalState();
        s.SetMask(SigprocmaskHow.Block, Term, out _);

        Assert.Equal(SignalAction.Hold, s.Post(Signal.SIGTERM));
        Assert.Equal(0, s.TakeFatal()); // still blocked
        s.SetMask(SigprocmaskHow.SetMask, 0, out _);

        Assert.False(s.HasDeliverable); // not caught: nothing for the library
        Assert.Equal(Signal.SIGTERM, s.TakeFatal());
        Assert.Equal(0, s.Pending);
    }

    [Fact]
    public void Post_IgnoredEvenWhenBlocked_Discarded()
    {
        var s = new SignalState();
        s.SetMask(SigprocmaskHow.SetMask, -1, out _);
        s.Set(Signal.SIGPIPE, SignalDisposition.Ignore, out _);

        Assert.Equal(SignalAction.Ignore, s.Post(Signal.SIGPIPE));
        Assert.Equal(SignalAction.Ignore, s.Post(Signal.SIGCHLD));
        Assert.Equal(0, s.Pending);
    }

    [Fact]
    public void Set_PendingSignalBecomesIgnored_Discarded()
    {
        var s = new SignalState();
        s.SetMask(SigprocmaskHow.Block, Term, out _);
        s.Post(Signal.SIGTERM);

        s.Set(Signal.SIGTERM, SignalDisposition.Ignore, out _);

        Assert.Equal(0, s.Pending);
    }

    [Fact]
    public void CloneAndExec_MaskInheritedAndKept_PendingOnlyBlockedOnesAcrossExec()
    {
        var s = new SignalState();
        s.Set(Signal.SIGTERM, SignalDisposition.Catch, out _);
        s.Set(Signal.SIGPIPE, SignalDisposition.Catch, out _);
        s.SetMask(SigprocmaskHow.Block, Term, out _);
        s.Post(Signal.SIGTERM); // held
        s.Post(Signal.SIGPIPE); // deliverable

        var child = s.Clone();
        s.ResetForExec();

        Assert.Equal(Term, child.Mask);
        Assert.Equal(0, child.Pending);
        Assert.Equal(Term, s.Mask);
        Assert.Equal(Term, s.Pending);
        Assert.Equal(SignalDisposition.Default, s.DispositionOf(Signal.SIGTERM));
        s.SetMask(SigprocmaskHow.SetMask, 0, out _);
        Assert.Equal(Signal.SIGTERM, s.TakeFatal()); // its handler went with the old program: the default now
    }
}
