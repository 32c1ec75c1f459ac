using System.Globalization;
using MachActors.Actors.Scheduling;

namespace MachActors.Exploration.Strategies;

/// <summary>Uniform random choices (<see cref="RandomStrategy"/>); fair.</summary>
/// <param name="earlyTimers">Chance that a future timer fires before pending mail.</param>
public sealed class RandomSource(double earlyTimers = 0) : StrategySource
{
    /// <inheritdoc />
    public override string Name => "random";

    /// <inheritdoc />
    public override string Description => earlyTimers == 0 ? "random" : string.Create(CultureInfo.InvariantCulture, $"random(early-timers={earlyTimers})");

    /// <inheritdoc />
    public override ISchedulingStrategy ForIteration(long index, ulong seed) => new RandomStrategy(seed, earlyTimers);

    /// <inheritdoc />
    public override bool IsFair(ISchedulingStrategy strategy) => true;
}

/// <summary>PCT with bug depth <paramref name="depth"/> (<see cref="PctStrategy"/>); K from a calibration run unless given.</summary>
/// <param name="depth">The bug depth d.</param>
/// <param name="earlyTimers">Chance that a future timer fires before pending mail.</param>
public sealed class PctSource(int depth, double earlyTimers = 0) : StrategySource
{
    /// <inheritdoc />
    public override string Name => "pct";

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"pct(depth={depth}, steps={StepEstimate})");

    /// <inheritdoc />
    public override bool NeedsStepEstimate => true;

    /// <inheritdoc />
    public override ISchedulingStrategy ForIteration(long index, ulong seed) => new PctStrategy(seed, depth, StepEstimate, earlyTimers);
}

/// <summary>PCT for the first <paramref name="unfairSteps"/> decisions, then random (<see cref="FairPctStrategy"/>); fair.</summary>
/// <param name="depth">The bug depth d.</param>
/// <param name="unfairSteps">Decisions of the PCT prefix.</param>
/// <param name="earlyTimers">Chance that a future timer fires before pending mail.</param>
public sealed class FairPctSource(int depth, long unfairSteps, double earlyTimers = 0) : StrategySource
{
    /// <inheritdoc />
    public override string Name => "fair-pct";

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"fair-pct(depth={depth}, steps={StepEstimate}, unfair-steps={unfairSteps})");

    /// <inheritdoc />
    public override bool NeedsStepEstimate => true;

    /// <inheritdoc />
    public override ISchedulingStrategy ForIteration(long index, ulong seed) => new FairPctStrategy(seed, depth, StepEstimate, unfairSteps, earlyTimers);

    /// <inheritdoc />
    public override bool IsFair(ISchedulingStrategy strategy) => true;
}

/// <summary>Bounded depth-first search (<see cref="DfsExplorer"/>): sequential, ends when exhausted.</summary>
/// <param name="maxDepth">Choice points branched on per run.</param>
/// <param name="earlyTimers">Also branch on firing future timers early.</param>
public sealed class DfsSource(int maxDepth, bool earlyTimers = false) : StrategySource
{
    private readonly DfsExplorer _explorer = new(maxDepth, earlyTimers);

    /// <inheritdoc />
    public override string Name => "dfs";

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"dfs(depth={maxDepth})");

    /// <inheritdoc />
    public override bool Sequential => true;

    /// <inheritdoc />
    public override bool Exhausted => _explorer.Exhausted;

    /// <summary>The search (whether it hit its bound).</summary>
    public DfsExplorer Explorer => _explorer;

    /// <inheritdoc />
    public override ISchedulingStrategy ForIteration(long index, ulong seed) => _explorer.Next();

    /// <inheritdoc />
    public override void Finished(ISchedulingStrategy strategy) => _explorer.Finish((DfsStrategy)strategy);
}

/// <summary>Coyote's default portfolio: iteration i uses random, PCT, fair PCT in turn (i mod 3).</summary>
/// <param name="depth">The bug depth of the PCT members.</param>
/// <param name="unfairSteps">The fair PCT's prefix.</param>
/// <param name="earlyTimers">Chance that a future timer fires before pending mail.</param>
public sealed class PortfolioSource(int depth, long unfairSteps, double earlyTimers = 0) : StrategySource
{
    private readonly RandomSource _random = new(earlyTimers);
    private readonly PctSource _pct = new(depth, earlyTimers);
    private readonly FairPctSource _fair = new(depth, unfairSteps, earlyTimers);

    /// <inheritdoc />
    public override string Name => "portfolio";

    /// <inheritdoc />
    public override string Description => $"portfolio({_random.Description}, {_pct.Description}, {_fair.Description})";

    /// <inheritdoc />
    public override bool NeedsStepEstimate => true;

    /// <inheritdoc />
    public override long StepEstimate
    {
        get => _pct.StepEstimate;
        set => _pct.StepEstimate = _fair.StepEstimate = value;
    }

    /// <inheritdoc />
    public override ISchedulingStrategy ForIteration(long index, ulong seed) => (index % 3) switch
    {
        0 => _random.ForIteration(index, seed),
        1 => _pct.ForIteration(index, seed),
        _ => _fair.ForIteration(index, seed),
    };

    /// <inheritdoc />
    public override bool IsFair(ISchedulingStrategy strategy) => strategy is not PctStrategy;
}

/// <summary>Any strategy, made per iteration by <paramref name="make"/> from the iteration's seed (tests, custom strategies).</summary>
/// <param name="name">The name shown in reports.</param>
/// <param name="make">Makes iteration i's strategy from its seed.</param>
/// <param name="fair">Whether the strategy is fair (liveness is judged).</param>
public sealed class DelegateSource(string name, Func<ulong, ISchedulingStrategy> make, bool fair) : StrategySource
{
    /// <inheritdoc />
    public override string Name => name;

    /// <inheritdoc />
    public override string Description => name;

    /// <inheritdoc />
    public override ISchedulingStrategy ForIteration(long index, ulong seed) => make(seed);

    /// <inheritdoc />
    public override bool IsFair(ISchedulingStrategy strategy) => fair;
}
