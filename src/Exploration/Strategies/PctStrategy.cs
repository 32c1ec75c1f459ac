using System.Globalization;
using MachActors.Actors;
using MachActors.Actors.Scheduling;

namespace MachActors.Exploration.Strategies;

/// <summary>
/// Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010) in Coyote's form
/// (docs/EXPLORATION.md): every actor has a priority, the ready actor with the highest one runs. An
/// actor gets a uniformly random rank among those already seen when it is first ready (the same as a
/// random permutation). Only scheduling points with at least two ready actors are counted steps;
/// at each of the <c>depth - 1</c> change points (distinct counted steps drawn uniformly from
/// [0, <see cref="StepEstimate"/>)) the highest-priority ready actor is demoted below every actor
/// (a later demotion lands below an earlier one). A due timer races with the ready actors as one more
/// contender (chance 1 / (ready + 1)); ChooseBool / ChooseInt are uniform. Not fair: a low actor can starve.
/// </summary>
public sealed class PctStrategy : ISchedulingStrategy
{
    private readonly DeterministicRandom _random;
    private readonly Dictionary<int, long> _rank = [];
    private readonly HashSet<long> _changePoints;
    private readonly double _earlyTimers;
    private long _demoted;

    /// <summary>A PCT run drawing from <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed (priorities, change points, timer races, choices).</param>
    /// <param name="depth">The bug depth d: d - 1 priority change points (at least 1).</param>
    /// <param name="stepEstimate">K: how many counted steps a run has (change points fall in [0, K)).</param>
    /// <param name="earlyTimerProbability">Chance per decision that a timer lying in the future fires before the pending mail.</param>
    public PctStrategy(ulong seed, int depth, long stepEstimate, double earlyTimerProbability = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(stepEstimate);
        ArgumentOutOfRangeException.ThrowIfLessThan(earlyTimerProbability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(earlyTimerProbability, 1);
        Seed = seed;
        Depth = depth;
        StepEstimate = stepEstimate;
        _earlyTimers = earlyTimerProbability;
        _random = new DeterministicRandom(seed);
        _changePoints = [.. ChooseChangePoints(_random, depth - 1, stepEstimate)];
        ChangePoints = [.. _changePoints.Order()];
    }

    /// <inheritdoc />
    public string Name => "pct";

    /// <inheritdoc />
    public ulong Seed { get; }

    /// <summary>The bug depth d.</summary>
    public int Depth { get; }

    /// <summary>K, the estimated number of counted steps.</summary>
    public long StepEstimate { get; }

    /// <summary>The counted steps at which the running actor is demoted, ascending.</summary>
    public IReadOnlyList<long> ChangePoints { get; }

    /// <summary>Counted steps so far (scheduling points with two or more ready actors).</summary>
    public long CountedSteps { get; private set; }

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"pct(seed={Seed}, depth={Depth}, steps={StepEstimate}, change-points=[{string.Join(',', ChangePoints)}]")
        + (_earlyTimers == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", early-timers={_earlyTimers}")) + ")";

    /// <summary>
    /// Picks the highest-priority ready actor; first sightings get their random rank; at a change
    /// point the highest-priority ready actor is demoted first. A single ready actor is not a counted step.
    /// </summary>
    public ActorId NextActor(ReadyActors ready)
    {
        for (var i = 0; i < ready.Count; i++) RankOf(ready[i].Value);
        if (ready.Count == 1) return ready[0];
        if (_changePoints.Contains(CountedSteps)) _rank[Highest(ready).Value] = -(++_demoted);
        CountedSteps++;
        return Highest(ready);
    }

    /// <inheritdoc />
    public bool FireTimerEarly(TimerPoint timer, ReadyActors ready)
    {
        if (timer.IsDue) return _random.Next(ready.Count + 1) == 0;
        return _earlyTimers > 0 && _random.NextDouble() < _earlyTimers;
    }

    /// <inheritdoc />
    public bool NextBool(ActorId chooser) => _random.NextBool();

    /// <inheritdoc />
    public int NextInt(ActorId chooser, int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>
    /// <paramref name="count"/> distinct values from [0, <paramref name="range"/>) by a partial
    /// Fisher-Yates shuffle (every subset equally likely); all of them when the range is smaller.
    /// </summary>
    internal static IEnumerable<long> ChooseChangePoints(DeterministicRandom random, int count, long range)
    {
        if (count <= 0 || range <= 0) return [];
        if (range <= count) return Enumerable.Range(0, (int)range).Select(i => (long)i);
        var swapped = new Dictionary<long, long>();
        var chosen = new List<long>(count);
        for (var i = 0; i < count; i++)
        {
            var j = i + (long)(random.NextDouble() * (range - i));
            if (j >= range) j = range - 1;
            var atJ = swapped.GetValueOrDefault(j, j);
            swapped[j] = swapped.GetValueOrDefault(i, i);
            chosen.Add(atJ);
        }
        return chosen;
    }

    private long RankOf(int actor)
    {
        if (_rank.TryGetValue(actor, out var rank)) return rank;
        rank = (long)(_random.NextUInt64() >> 2); // non-negative: above every demoted actor
        _rank[actor] = rank;
        return rank;
    }

    private ActorId Highest(ReadyActors ready)
    {
        var best = 0;
        var bestRank = long.MinValue;
        for (var i = 0; i < ready.Count; i++)
        {
            var rank = _rank[ready[i].Value];
            if (rank > bestRank)
            {
                bestRank = rank;
                best = i;
            }
        }
        return ready[best];
    }
}
