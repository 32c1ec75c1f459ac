namespace MachActors.Personalities.Unix.Server;

/// <summary>What posting a signal means for the process.</summary>
public enum SignalAction
{
    /// <summary>Nothing happens (ignored, or SIGCHLD by default).</summary>
    Ignore,

    /// <summary>The process is terminated with the signal as its status.</summary>
    Terminate,

    /// <summary>The signal is pending and deliverable: the emulation library runs the program's handler when a system call returns, and a call the process is blocked in is interrupted (EINTR).</summary>
    Deliver,

    /// <summary>The signal is blocked by the process's mask: it stays pending, interrupts nothing, and acts when unblocked.</summary>
    Hold,
}

/// <summary>How sigprocmask changes the mask (4.3BSD's and POSIX's values).</summary>
public static class SigprocmaskHow
{
    /// <summary>SIG_BLOCK: the mask gains the set's signals.</summary>
    public const int Block = 1;

    /// <summary>SIG_UNBLOCK: the mask loses the set's signals.</summary>
    public const int Unblock = 2;

    /// <summary>SIG_SETMASK: the mask becomes the set.</summary>
    public const int SetMask = 3;
}

/// <summary>
/// One process's signal dispositions, mask and pending set, kept by the UNIX server (the kernel holds no
/// signal mask: the seeds' "Prozess besitzt nicht ... Signalmaske"). Plain state, no machine.
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. SIGKILL is never in the mask, never pending (it terminates at once).
/// 2. A pending signal is caught, or blocked with a disposition that is not ignore (an ignored one is discarded, even when blocked).
/// 3. What a reply reports (<see cref="TakePending"/>) is never blocked.
/// </remarks>
public sealed class SignalState
{
    private const int KillBit = 1 << Signal.SIGKILL;

    private readonly SignalDisposition[] _dispositions = new SignalDisposition[Signal.Max + 1];
    private int _pending;

    /// <summary>The signals posted and not yet reported or acted on, one bit each (bit n = signal n), blocked ones included.</summary>
    public int Pending => _pending;

    /// <summary>Whether a caught, unblocked signal is pending (a call the process is blocked in is interrupted).</summary>
    public bool HasDeliverable => (_pending & ~Mask & CaughtBits()) != 0;

    /// <summary>The blocked signals (bit n = signal n); never SIGKILL.</summary>
    public int Mask { get; private set; }

    /// <summary>The disposition of <paramref name="signal"/> (Default for an invalid number).</summary>
    public SignalDisposition DispositionOf(int signal) => Signal.IsValid(signal) ? _dispositions[signal] : SignalDisposition.Default;

    /// <summary>sigaction: sets the disposition; EINVAL for an invalid number or for SIGKILL (which cannot be caught or ignored). Returns the previous one. A pending signal that becomes ignored is discarded.</summary>
    public Errno Set(int signal, SignalDisposition disposition, out SignalDisposition previous)
    {
        previous = DispositionOf(signal);
        if (!Signal.IsValid(signal) || signal == Signal.SIGKILL || !Enum.IsDefined(disposition)) return Errno.EINVAL;
        _dispositions[signal] = disposition;
        if (IsIgnored(signal)) _pending &= ~(1 << signal);
        return Errno.None;
    }

    /// <summary>
    /// Posts <paramref name="signal"/>: SIGKILL terminates (it cannot be blocked); an ignored one, or SIGCHLD
    /// by default, does nothing; a blocked one becomes pending (Hold); a caught one becomes pending (Deliver);
    /// any other default terminates.
    /// </summary>
    public SignalAction Post(int signal)
    {
        if (signal == Signal.SIGKILL) return SignalAction.Terminate;
        if (!Signal.IsValid(signal) || IsIgnored(signal)) return SignalAction.Ignore;
        var bit = 1 << signal;
        if ((Mask & bit) != 0)
        {
            _pending |= bit;
            return SignalAction.Hold;
        }
        if (DispositionOf(signal) != SignalDisposition.Catch) return SignalAction.Terminate;
        _pending |= bit;
        return SignalAction.Deliver;
    }

    /// <summary>
    /// sigprocmask(<paramref name="how"/>, <paramref name="set"/>): the new mask (SIGKILL silently left
    /// out, as POSIX); EINVAL for another <paramref name="how"/> (the mask is then unchanged).
    /// <paramref name="previous"/> is the mask before. Signals it unblocks that are pending act now: the
    /// caught ones are reported by the reply (<see cref="TakePending"/>), a terminating one by
    /// <see cref="TakeFatal"/>.
    /// </summary>
    public Errno SetMask(int how, int set, out int previous)
    {
        previous = Mask;
        var mask = how switch
        {
            SigprocmaskHow.Block => Mask | set,
            SigprocmaskHow.Unblock => Mask & ~set,
            SigprocmaskHow.SetMask => set,
            _ => (int?)null,
        };
        if (mask is not { } m) return Errno.EINVAL;
        Mask = m & ~KillBit & ~1; // bit 0 is no signal
        return Errno.None;
    }

    /// <summary>The lowest pending, unblocked signal whose disposition is the terminating default (taken), or 0: the process must end with it.</summary>
    public int TakeFatal()
    {
        for (var s = 1; s <= Signal.Max; s++)
        {
            var bit = 1 << s;
            if ((_pending & bit) == 0 || (Mask & bit) != 0 || DispositionOf(s) == SignalDisposition.Catch) continue;
            _pending &= ~bit;
            return s;
        }
        return 0;
    }

    /// <summary>The pending caught signals that are not blocked, cleared (what a system call's reply reports); blocked ones stay pending.</summary>
    public int TakePending()
    {
        var deliverable = _pending & ~Mask & CaughtBits();
        _pending &= ~deliverable;
        return deliverable;
    }

    /// <summary>fork: the child has the same dispositions and mask, and nothing pending.</summary>
    public SignalState Clone()
    {
        var copy = new SignalState { Mask = Mask };
        _dispositions.CopyTo(copy._dispositions, 0);
        return copy;
    }

    /// <summary>
    /// exec: caught signals go back to the default (the handlers were in the old program); ignored ones
    /// stay ignored; the mask is kept, and so are the blocked pending signals (POSIX); the others, which
    /// the old program's handlers would have taken, are dropped.
    /// </summary>
    public void ResetForExec()
    {
        for (var s = 0; s < _dispositions.Length; s++)
        {
            if (_dispositions[s] == SignalDisposition.Catch) _dispositions[s] = SignalDisposition.Default;
        }
        _pending &= Mask;
    }

    private bool IsIgnored(int signal) => DispositionOf(signal) switch
    {
        SignalDisposition.Ignore => true,
        SignalDisposition.Default => signal == Signal.SIGCHLD,
        _ => false,
    };

    private int CaughtBits()
    {
        var bits = 0;
        for (var s = 1; s <= Signal.Max; s++)
        {
            if (_dispositions[s] == SignalDisposition.Catch) bits |= 1 << s;
        }
        return bits;
    }
}
