namespace MachActors.Actors.Scheduling;

/// <summary>
/// Reproduces a recorded <see cref="Schedule"/> decision by decision. When the run asks for a
/// decision of another kind than the recording holds at that index, or for more decisions than
/// were recorded, it throws <see cref="ReplayDivergenceException"/> naming the index: the run is not
/// the recorded one (nondeterminism escaped the dispatcher, or the code changed).
/// </summary>
public sealed class ReplayStrategy : ISchedulingStrategy
{
    private readonly IReadOnlyList<Decision> _decisions;
    private int _next;

    /// <summary>Replays <paramref name="schedule"/>.</summary>
    public ReplayStrategy(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _decisions = schedule.Decisions;
        Seed = schedule.Seed;
        Description = "replay(" + schedule.Strategy + ", " + schedule.Decisions.Count + " decisions)";
    }

    /// <inheritdoc />
    public string Name => "replay";

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public ulong Seed { get; }

    /// <summary>How many recorded decisions have been replayed.</summary>
    public int Position => _next;

    /// <summary>True when every recorded decision has been replayed.</summary>
    public bool IsComplete => _next == _decisions.Count;

    /// <inheritdoc />
    public ActorId NextActor(ReadyActors ready)
    {
        var id = new ActorId(Take(DecisionKind.Deliver).Value);
        if (!ready.Contains(id))
        {
            throw new ReplayDivergenceException(_next - 1,
                $"the recording delivers to {id}, which has no work in this run; ready: [{string.Join(", ", ready.ToList())}]");
        }
        return id;
    }

    /// <inheritdoc />
    public bool FireTimerEarly(TimerPoint timer, ReadyActors ready)
    {
        if (_next < _decisions.Count && _decisions[_next].Kind == DecisionKind.FireTimer)
        {
            _next++;
            return true;
        }
        return false;
    }

    /// <inheritdoc />
    public bool SystemMessageFirst(ActorId actor, ReadyActors ready)
    {
        if (_next < _decisions.Count && _decisions[_next] is { Kind: DecisionKind.UserFirst } d && d.Value == actor.Value)
        {
            _next++;
            return false;
        }
        return true;
    }

    /// <inheritdoc />
    public bool NextBool(ActorId chooser) => Take(DecisionKind.Bool).Value != 0;

    /// <inheritdoc />
    public int NextInt(ActorId chooser, int maxExclusive)
    {
        var value = Take(DecisionKind.Int).Value;
        if (value < 0 || value >= maxExclusive)
        {
            throw new ReplayDivergenceException(_next - 1,
                $"recorded ChooseInt answer {value} is outside [0, {maxExclusive}) asked by {chooser}");
        }
        return value;
    }

    private Decision Take(DecisionKind kind)
    {
        if (_next >= _decisions.Count)
        {
            throw new ReplayDivergenceException(_next,
                $"the run asked for a {kind} decision after all {_decisions.Count} recorded decisions were replayed");
        }
        var d = _decisions[_next];
        if (d.Kind != kind)
        {
            throw new ReplayDivergenceException(_next, $"the run asked for a {kind} decision but the recording has {d}");
        }
        _next++;
        return d;
    }
}
