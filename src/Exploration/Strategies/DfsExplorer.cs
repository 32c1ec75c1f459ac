namespace MachActors.Exploration.Strategies;

/// <summary>
/// Bounded depth-first search over every choice of a run (which ready actor, fire a due timer or not,
/// ChooseBool, ChooseInt), one iteration at a time (Coyote's DFS, docs/EXPLORATION.md). The path of
/// the last iteration is a stack of choice points; the next iteration replays it up to the deepest
/// point with an untried option, takes that option, and then takes option 0 at every new point.
/// Points past <see cref="MaxDepth"/> are not branched on (option 0), and a run that reached them
/// makes the search <i>bounded</i>: <see cref="Exhausted"/> then means "every schedule within the
/// bound", else every schedule of the scenario.
/// </summary>
public sealed class DfsExplorer
{
    private readonly List<DfsChoice> _path = [];
    private DfsStrategy? _current;

    /// <summary>A search branching on at most <paramref name="maxDepth"/> choice points per run.</summary>
    /// <param name="maxDepth">The depth bound (choice points with more than one option).</param>
    /// <param name="earlyTimers">Also branch on firing a future timer early.</param>
    public DfsExplorer(int maxDepth, bool earlyTimers = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        MaxDepth = maxDepth;
        EarlyTimers = earlyTimers;
    }

    /// <summary>The depth bound.</summary>
    public int MaxDepth { get; }

    /// <summary>Whether future timers are a choice.</summary>
    public bool EarlyTimers { get; }

    /// <summary>Every path was tried (within the bound when <see cref="HitBound"/>).</summary>
    public bool Exhausted { get; private set; }

    /// <summary>Some run had choice points past the bound: the search is exhaustive only within it.</summary>
    public bool HitBound { get; private set; }

    /// <summary>Iterations started.</summary>
    public long Iterations { get; private set; }

    /// <summary>
    /// The strategy of the next iteration. Preconditions: not <see cref="Exhausted"/>, and the previous
    /// iteration's strategy was handed back with <see cref="Finish"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The search is exhausted or an iteration is still open.</exception>
    public DfsStrategy Next()
    {
        if (Exhausted) throw new InvalidOperationException("the search is exhausted");
        if (_current is not null) throw new InvalidOperationException("finish the previous iteration first");
        Iterations++;
        _current = new DfsStrategy(this, [.. _path]);
        return _current;
    }

    /// <summary>
    /// The iteration of <paramref name="strategy"/> ended: its path becomes the search's, and the search
    /// moves to the next untried option (backtracking over exhausted points); with none left it is exhausted.
    /// </summary>
    public void Finish(DfsStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (!ReferenceEquals(strategy, _current)) throw new InvalidOperationException("not the open iteration's strategy");
        _current = null;
        HitBound |= strategy.HitBound;
        _path.Clear();
        _path.AddRange(strategy.Path);
        while (_path.Count > 0 && _path[^1].Taken + 1 >= _path[^1].Options) _path.RemoveAt(_path.Count - 1);
        if (_path.Count == 0)
        {
            Exhausted = true;
            return;
        }
        _path[^1] = _path[^1] with { Taken = _path[^1].Taken + 1 };
    }
}
