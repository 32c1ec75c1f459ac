namespace MachActors.Actors;

/// <summary>
/// Holds a monitor for a scope when a gate is given, and nothing otherwise: the parallel dispatcher
/// needs the lock, the single-threaded controlled dispatcher does not pay for it.
/// Use as <c>using var scope = new OptionalLock(locked ? gate : null);</c>.
/// </summary>
internal readonly ref struct OptionalLock
{
    private readonly object? _gate;

    public OptionalLock(object? gate)
    {
        _gate = gate;
        if (gate is not null) Monitor.Enter(gate);
    }

    public void Dispose()
    {
        if (_gate is not null) Monitor.Exit(_gate);
    }
}
