using System.Globalization;
using MachActors.Actors;
using MachActors.Actors.Scheduling;

namespace MachActors.Exploration.Strategies;

/// <summary>
/// One iteration of a <see cref="DfsExplorer"/>: it follows the prefix the explorer gave it, then takes
/// option 0 at every new choice point (recording it), and option 0 without branching past the depth
/// bound. A choice point whose option count differs from the prefix's means nondeterminism escaped
/// the dispatcher's control: <see cref="ReplayDivergenceException"/>.
/// </summary>
public sealed class DfsStrategy : ISchedulingStrategy
{
    private readonly DfsExplorer _explorer;
    private readonly List<DfsChoice> _path;
    private readonly int _prefix;
    private int _position;

    internal DfsStrategy(DfsExplorer explorer, List<DfsChoice> prefix)
    {
        _explorer = explorer;
        _path = prefix;
        _prefix = prefix.Count;
        Iteration = explorer.Iterations;
    }

    /// <inheritdoc />
    public string Name => "dfs";

    /// <inheritdoc />
    public ulong Seed => 0;

    /// <summary>The explorer's iteration number (1-based) of this run.</summary>
    public long Iteration { get; }

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture, $"dfs(depth={_explorer.MaxDepth}, iteration={Iteration})");

    /// <summary>The choice points of this run so far.</summary>
    internal IReadOnlyList<DfsChoice> Path => _path;

    /// <summary>A choice point was past the depth bound.</summary>
    public bool HitBound { get; private set; }

    /// <inheritdoc />
    public ActorId NextActor(ReadyActors ready) => ready[Choose(ready.Count)];

    /// <inheritdoc />
    public bool FireTimerEarly(TimerPoint timer, ReadyActors ready) =>
        (timer.IsDue || _explorer.EarlyTimers) && Choose(2) == 1;

    /// <inheritdoc />
    public bool NextBool(ActorId chooser) => Choose(2) == 1;

    /// <inheritdoc />
    public int NextInt(ActorId chooser, int maxExclusive) => Choose(maxExclusive);

    private int Choose(int options)
    {
        if (options <= 1) return 0;
        if (_position < _prefix)
        {
            var point = _path[_position];
            if (point.Options != options)
            {
                throw new ReplayDivergenceException(_position, string.Create(CultureInfo.InvariantCulture,
                    $"dfs: the choice point had {point.Options} options and now has {options} (nondeterminism outside the dispatcher's control)"));
            }
            _position++;
            return point.Taken;
        }
        if (_path.Count >= _explorer.MaxDepth)
        {
            HitBound = true;
            return 0;
        }
        _path.Add(new DfsChoice(0, options));
        _position++;
        return 0;
    }
}
