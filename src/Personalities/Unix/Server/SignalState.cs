namespace MachActors.Personalities.Unix.Server;

/// <summary>What posting a signal means for the process.</summary>
public enum SignalAction
{
    /// <summary>Nothing happens (ignored, or SIGCHLD by default).</summary>
    Ignore,

    /// <summary>The process is terminated with the signal as its status.</summary>
    Terminate,

    /// <summary>The signal is pending: the emulation library runs the program's handler when a system call returns.</summary>
    Deliver,
}

/// <summary>
/// One process's signal dispositions and pending set, kept by the UNIX server (the kernel holds no
/// signal mask: the seeds' "Prozess besitzt nicht ... Signalmaske"). Plain state, no machine.
/// </summary>
public sealed class SignalState
{
    private readonly SignalDisposition[] _dispositions = new SignalDisposition[Signal.Max + 1];
    private int _pending;

    /// <summary>The signals posted and not yet reported, one bit each (bit n = signal n).</summary>
    public int Pending => _pending;

    /// <summary>The disposition of <paramref name="signal"/> (Default for an invalid number).</summary>
    public SignalDisposition DispositionOf(int signal) => Signal.IsValid(signal) ? _dispositions[signal] : SignalDisposition.Default;

    /// <summary>sigaction: sets the disposition; EINVAL for an invalid number or for SIGKILL (which cannot be caught or ignored). Returns the previous one.</summary>
    public Errno Set(int signal, SignalDisposition disposition, out SignalDisposition previous)
    {
        previous = DispositionOf(signal);
        if (!Signal.IsValid(signal) || signal == Signal.SIGKILL || !Enum.IsDefined(disposition)) return Errno.EINVAL;
        _dispositions[signal] = disposition;
        return Errno.None;
    }

    /// <summary>Posts <paramref name="signal"/>: SIGKILL terminates; a caught one becomes pending; an ignored one, or SIGCHLD by default, does nothing; any other default terminates.</summary>
    public SignalAction Post(int signal)
    {
        if (signal == Signal.SIGKILL) return SignalAction.Terminate;
        switch (DispositionOf(signal))
        {
            case SignalDisposition.Catch:
                _pending |= 1 << signal;
                return SignalAction.Deliver;
            case SignalDisposition.Ignore:
                return SignalAction.Ignore;
            default:
                return signal == Signal.SIGCHLD ? SignalAction.Ignore : SignalAction.Terminate;
        }
    }

    /// <summary>The pending set, cleared (what a system call's reply reports).</summary>
    public int TakePending()
    {
        var pending = _pending;
        _pending = 0;
        return pending;
    }

    /// <summary>fork: the child has the same dispositions and nothing pending.</summary>
    public SignalState Clone()
    {
        var copy = new SignalState();
        _dispositions.CopyTo(copy._dispositions, 0);
        return copy;
    }

    /// <summary>exec: caught signals go back to the default (the handlers were in the old program); ignored ones stay ignored; pending ones stay pending only if still caught (none).</summary>
    public void ResetForExec()
    {
        for (var s = 0; s < _dispositions.Length; s++)
        {
            if (_dispositions[s] == SignalDisposition.Catch) _dispositions[s] = SignalDisposition.Default;
        }
        _pending = 0;
    }
}
