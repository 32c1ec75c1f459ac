namespace MachActors.Actors.Dispatch;

/// <summary>
/// The controlled dispatcher's set of cells with work: O(1) add, remove (swap with last) and
/// indexed access. Each cell stores its own index, so membership costs no lookup. The order is a
/// pure function of the operations, hence the same in every run of the same schedule.
/// </summary>
internal sealed class ReadySet
{
    private ActorCell[] _cells = new ActorCell[16];

    public int Count { get; private set; }

    public ActorCell this[int index] => _cells[index];

    /// <summary>The index a strategy read last through <see cref="Scheduling.ReadyActors"/> (a hint, may be stale).</summary>
    public int LastRead { get; set; }

    /// <summary>
    /// The ready cell with id <paramref name="id"/> if it is the one a strategy read last (the usual
    /// case: strategies return an id they just read), which saves a lookup in the id table.
    /// </summary>
    public ActorCell? LastReadIfId(int id) =>
        (uint)LastRead < (uint)Count && _cells[LastRead].Id == id ? _cells[LastRead] : null;

    public void Add(ActorCell cell)
    {
        if (cell.ReadyIndex >= 0) return;
        if (Count == _cells.Length) Array.Resize(ref _cells, Count * 2);
        cell.ReadyIndex = Count;
        _cells[Count++] = cell;
    }

    public void Remove(ActorCell cell)
    {
        var i = cell.ReadyIndex;
        if (i < 0) return;
        var last = _cells[--Count];
        _cells[i] = last;
        last.ReadyIndex = i;
        _cells[Count] = null!;
        cell.ReadyIndex = -1;
        // Give memory back after a burst (e.g. a million spawns) instead of keeping the peak forever.
        if (_cells.Length > 1024 && Count < _cells.Length / 4) Array.Resize(ref _cells, _cells.Length / 2);
    }
}
