using MachActors.Actors.Scheduling;

namespace MachActors.Exploration.Strategies;

/// <summary>
/// Makes the strategy of each iteration of an exploration (Coyote's strategy interface, per iteration).
/// Iteration <c>i</c> of a run with seed <c>s</c> gets the seed <c>Derive(s, i)</c>, so it can be rerun
/// alone; a sequential source (<see cref="DfsSource"/>) instead carries its state from one iteration to
/// the next and runs them in order.
/// </summary>
public abstract class StrategySource
{
    /// <summary>The strategy's name, as the factory knows it ("random", "pct", ...).</summary>
    public abstract string Name { get; }

    /// <summary>Name plus parameters.</summary>
    public abstract string Description { get; }

    /// <summary>Iterations depend on each other and must run one at a time, in order.</summary>
    public virtual bool Sequential => false;

    /// <summary>A sequential source has nothing left to try.</summary>
    public virtual bool Exhausted => false;

    /// <summary>Needs K, the number of counted steps of a run (PCT), before the first iteration.</summary>
    public virtual bool NeedsStepEstimate => false;

    /// <summary>K as measured by a calibration run (or given); ignored by sources that do not use it.</summary>
    public virtual long StepEstimate { get; set; }

    /// <summary>The strategy of iteration <paramref name="index"/>, drawing from <paramref name="seed"/>.</summary>
    public abstract ISchedulingStrategy ForIteration(long index, ulong seed);

    /// <summary>Liveness (monitor temperature) is judged only in fair iterations, as in Coyote.</summary>
    public virtual bool IsFair(ISchedulingStrategy strategy) => false;

    /// <summary>The iteration that used <paramref name="strategy"/> ended (sequential sources move on).</summary>
    public virtual void Finished(ISchedulingStrategy strategy)
    {
    }
}
