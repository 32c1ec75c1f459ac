using MachActors.Actors.Dispatch;

namespace MachActors.Actors.Scheduling;

/// <summary>
/// The actors that have something to process at a scheduling point (the strategy's choices), plus
/// the step number. A view: valid only during the strategy call that received it.
/// </summary>
public readonly struct ReadyActors
{
    private readonly ReadySet _set;

    internal ReadyActors(ReadySet set, long step)
    {
        _set = set;
        Step = step;
    }

    /// <summary>How many actors are ready (always at least one when a strategy is asked).</summary>
    public int Count => _set.Count;

    /// <summary>The id of the i-th ready actor. The order is deterministic for a given schedule.</summary>
    public ActorId this[int index]
    {
        get
        {
            _set.LastRead = index;
            return new(_set[index].Id);
        }
    }

    /// <summary>The actor class of the i-th ready actor (for strategies that group actors by kind).</summary>
    public Type ActorType(int index) => _set[index].ActorType;

    /// <summary>Number of decisions taken before this one in the current run.</summary>
    public long Step { get; }

    /// <summary>Whether the actor with this id is ready.</summary>
    public bool Contains(ActorId id)
    {
        for (var i = 0; i < _set.Count; i++)
        {
            if (_set[i].Id == id.Value) return true;
        }
        return false;
    }

    /// <summary>The ready ids, in order (allocates; for diagnostics).</summary>
    public IReadOnlyList<ActorId> ToList()
    {
        var list = new ActorId[_set.Count];
        for (var i = 0; i < list.Length; i++) list[i] = new ActorId(_set[i].Id);
        return list;
    }
}
