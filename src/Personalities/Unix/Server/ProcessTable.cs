namespace MachActors.Personalities.Unix.Server;

/// <summary>A wait that completed: the waiting parent's call <paramref name="Token"/> reaped <paramref name="Pid"/> with <paramref name="Status"/>.</summary>
/// <param name="Token">The blocked wait's token.</param>
/// <param name="Waiter">The parent's pid.</param>
/// <param name="Pid">The child reaped.</param>
/// <param name="Status">Its wait status.</param>
public sealed record WaitCompletion(long Token, int Waiter, int Pid, int Status);

/// <summary>
/// The process table (pid -> process) and wait(2): plain state, no machine. Pids are handed out in
/// order from 1 (init) and never reused while the server runs. A zombie is reaped exactly once: by the
/// first wait that matches it, after which it is gone. When a process ends, its children go to init
/// (pid 1), and a wait of init that they satisfy completes.
/// </summary>
public sealed class ProcessTable
{
    /// <summary>init's pid.</summary>
    public const int InitPid = 1;

    private readonly SortedDictionary<int, Process> _processes = [];
    private readonly Dictionary<int, (long Token, int Pid)> _waits = [];
    private int _nextPid = InitPid;

    /// <summary>Every process, zombies included, by pid.</summary>
    public IEnumerable<Process> All => _processes.Values;

    /// <summary>The process <paramref name="pid"/>, or null.</summary>
    public Process? Find(int pid) => _processes.GetValueOrDefault(pid);

    /// <summary>A new running process, child of <paramref name="parent"/> (0 for init), with the next pid.</summary>
    public Process Add(int parent, string name)
    {
        var process = new Process(_nextPid++, parent, name);
        _processes[process.Pid] = process;
        return process;
    }

    /// <summary>
    /// wait4(<paramref name="pid"/>) by <paramref name="waiter"/> (-1: any child): a zombie child is
    /// reaped now (returned, and gone); ECHILD when no child matches; with <paramref name="noHang"/> and
    /// only running children, pid 0; otherwise the call blocks under <paramref name="token"/> (null).
    /// </summary>
    public (Errno Error, WaitCompletion? Done) Wait(int waiter, int pid, bool noHang, long token)
    {
        var children = _processes.Values.Where(p => p.Parent == waiter && (pid == -1 || p.Pid == pid)).ToList();
        if (children.Count == 0) return (Errno.ECHILD, null);
        if (children.FirstOrDefault(p => p.State == ProcessState.Zombie) is { } zombie) return (Errno.None, Reap(token, waiter, zombie));
        if (noHang) return (Errno.None, new WaitCompletion(token, waiter, 0, 0));
        _waits[waiter] = (token, pid);
        return (Errno.None, null);
    }

    /// <summary>Forgets <paramref name="waiter"/>'s blocked wait (interrupted, or the waiter ended); true if there was one.</summary>
    public bool CancelWait(int waiter) => _waits.Remove(waiter);

    /// <summary>
    /// The process ended with <paramref name="status"/>: it becomes a zombie, its children go to init,
    /// and the waits it (or a reparented zombie) satisfies complete. A process already a zombie, or
    /// unknown, changes nothing (empty).
    /// </summary>
    public List<WaitCompletion> Exit(int pid, int status)
    {
        var done = new List<WaitCompletion>();
        if (Find(pid) is not { State: ProcessState.Running } process) return done;
        process.State = ProcessState.Zombie;
        process.Status = status;
        process.Blocked = null;
        _waits.Remove(pid);
        foreach (var child in _processes.Values.Where(p => p.Parent == pid).ToList())
        {
            child.Parent = pid == InitPid ? 0 : InitPid;
            if (child.State == ProcessState.Zombie && child.Parent == InitPid && TryWake(child) is { } c) done.Add(c);
        }
        if (TryWake(process) is { } woken) done.Add(woken);
        if (process.Parent == 0) _processes.Remove(pid); // no one will wait for it (init, or an orphan of init)
        return done;
    }

    private WaitCompletion? TryWake(Process zombie)
    {
        if (!_waits.TryGetValue(zombie.Parent, out var wait) || (wait.Pid != -1 && wait.Pid != zombie.Pid)) return null;
        _waits.Remove(zombie.Parent);
        return Reap(wait.Token, zombie.Parent, zombie);
    }

    private WaitCompletion Reap(long token, int waiter, Process zombie)
    {
        _processes.Remove(zombie.Pid);
        if (Find(waiter) is { } parent) parent.Blocked = null;
        return new WaitCompletion(token, waiter, zombie.Pid, zombie.Status);
    }
}
