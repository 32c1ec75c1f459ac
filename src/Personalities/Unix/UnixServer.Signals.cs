using MachActors.Actors.Timing;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix;

/// <summary>
/// Signals (docs/UNIX.md, "Signals"): kill, sigaction, sigprocmask, posting a signal, and EINTR: a caught
/// signal interrupts the call its process is blocked in (a pipe read or write, a console read, a wait, a
/// nanosleep). Also nanosleep itself, whose sleeps end by the loop's receive timeout. The decisions are
/// <see cref="SignalState"/>'s, <see cref="Pipe"/>'s, <see cref="ConsoleReader"/>'s,
/// <see cref="ProcessTable"/>'s and <see cref="SleepQueue"/>'s.
/// </summary>
public sealed partial class UnixServer
{
    private readonly SleepQueue _sleepers = new();

    /// <summary>kill: precondition a running caller (else ESRCH); EINVAL for a bad signal, ESRCH for no running target; signal 0 only tests. The caller is answered unless the signal ended it.</summary>
    private async Task DoKill(PortName port, MigReplyHandle reply, int pid, int signal)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        if (signal != 0 && !Signal.IsValid(signal))
        {
            await Fail(reply, Errno.EINVAL);
            return;
        }
        if (_table.Find(pid) is not { State: ProcessState.Running } target)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        if (signal != 0) await Post(target, signal);
        if (p.State == ProcessState.Running) await Answer(UnixCallsServer.KillReply(reply, 0, p.Signals.TakePending()));
        else await Drop(reply);
    }

    /// <summary>sigaction: the new disposition (EINVAL for SIGKILL or a bad number); replies the previous one.</summary>
    private async Task DoSigaction(PortName port, MigReplyHandle reply, int signal, int disposition)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        var error = p.Signals.Set(signal, (SignalDisposition)disposition, out var previous);
        if (error != Errno.None) await Fail(reply, error);
        else await Answer(UnixCallsServer.SigactionReply(reply, 0, p.Signals.TakePending(), (int)previous));
    }

    /// <summary>
    /// sigprocmask: the caller's new mask (EINVAL for a bad <paramref name="how"/>); replies the previous
    /// one with the caught signals now deliverable (their handlers run before the call returns). A pending
    /// signal it unblocks whose default terminates ends the caller (no reply).
    /// </summary>
    private async Task DoSigprocmask(PortName port, MigReplyHandle reply, int how, int set)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        var error = p.Signals.SetMask(how, set, out var previous);
        if (error != Errno.None)
        {
            await Fail(reply, error);
            return;
        }
        if (p.Signals.TakeFatal() is var fatal and not 0)
        {
            await End(p, WaitStatus.Signaled(fatal));
            await Drop(reply); // after the task is gone
            return;
        }
        await Answer(UnixCallsServer.SigprocmaskReply(reply, 0, p.Signals.TakePending(), previous));
    }

    /// <summary>Posts <paramref name="signal"/> to <paramref name="p"/>: its default (or SIGKILL) terminates it; a caught one is reported with its next system call's reply and interrupts the call it is blocked in; a blocked one waits in the pending set.</summary>
    private async Task Post(Process p, int signal)
    {
        switch (p.Signals.Post(signal))
        {
            case SignalAction.Terminate:
                await End(p, WaitStatus.Signaled(signal));
                break;
            case SignalAction.Deliver:
                await InterruptIfSignaled(p);
                break;
        }
    }

    /// <summary>A call <paramref name="p"/> waits in from now on (<paramref name="call"/> under <paramref name="token"/>); interrupted at once when a caught signal is already pending.</summary>
    private async Task Block(Process p, long token, PendingCall call)
    {
        _pending[token] = call;
        p.Blocked = token;
        await InterruptIfSignaled(p);
    }

    /// <summary>
    /// EINTR: when <paramref name="p"/> is blocked and a caught, unblocked signal is pending, the call is
    /// taken out of its decision class and answered: EINTR (MIG's short error reply; the signals stay
    /// pending and the library fetches them with sigprocmask), a pipe write that moved bytes their count,
    /// a nanosleep the time it had left (with the signals; 0 when its deadline had come: it ended, not interrupted). Nothing when it is not blocked.
    /// </summary>
    private async Task InterruptIfSignaled(Process p)
    {
        if (p.Blocked is not { } token || !p.Signals.HasDeliverable || !_pending.TryGetValue(token, out var call)) return;
        switch (call.Kind)
        {
            case BlockedIn.Pipe:
                if (call.Pipe!.Interrupt(token) is { } c) await Complete([c]);
                return;
            case BlockedIn.Sleep:
                if (_sleepers.Cancel(token, _env.Now) is not { } left) return;
                Unblock(p, token);
                await Answer(UnixCallsServer.NanosleepReply(call.Reply, 0, p.Signals.TakePending(), left.Nanoseconds));
                return;
            case BlockedIn.Console when _consoleReader.Cancel(token):
            case BlockedIn.Wait when _table.CancelWait(p.Pid):
                Unblock(p, token);
                await Fail(call.Reply, Errno.EINTR);
                return;
        }
    }

    private void Unblock(Process p, long token)
    {
        _pending.Remove(token);
        p.Blocked = null;
    }

    /// <summary>nanosleep: precondition a running caller (else ESRCH); EINVAL below 0; 0 answers at once; otherwise the call waits until the virtual deadline (<see cref="WakeSleepers"/>) or a caught signal.</summary>
    private async Task DoNanosleep(PortName port, MigReplyHandle reply, long nanoseconds)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        if (nanoseconds < 0)
        {
            await Fail(reply, Errno.EINVAL);
            return;
        }
        if (nanoseconds == 0)
        {
            await Answer(UnixCallsServer.NanosleepReply(reply, 0, p.Signals.TakePending(), 0));
            return;
        }
        var token = NewToken();
        _sleepers.Add(token, _env.Now + Duration.FromNanoseconds(nanoseconds));
        await Block(p, token, new PendingCall(p.Pid, reply, BlockedIn.Sleep));
    }

    /// <summary>Answers the sleeps whose deadline has come (0 remaining).</summary>
    private async Task WakeSleepers()
    {
        foreach (var token in _sleepers.Due(_env.Now))
        {
            if (!_pending.Remove(token, out var call) || _table.Find(call.Pid) is not { State: ProcessState.Running } p) continue;
            p.Blocked = null;
            await Answer(UnixCallsServer.NanosleepReply(call.Reply, 0, p.Signals.TakePending(), 0));
        }
    }

    /// <summary>The loop's receive timeout: until the next sleep's deadline, or none (null) when no one sleeps.</summary>
    private Duration? UntilNextWake() =>
        _sleepers.NextDeadline is { } deadline ? (deadline > _env.Now ? deadline - _env.Now : Duration.Zero) : null;
}
