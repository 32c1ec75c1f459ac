using MachActors.Actors;

namespace MachActors.Exploration;

/// <summary>
/// Something to explore: a setup on a fresh actor system, the monitors that judge it, and an end
/// condition (docs/EXPLORATION.md). The explorer runs it once per iteration, each time on a new
/// system under the iteration's strategy. Setup must be deterministic given the system (draw every
/// choice from the system: actors use <c>Context.ChooseBool</c> / <c>ChooseInt</c>).
/// </summary>
public abstract class Scenario
{
    /// <summary>The name the CLI and schedule files use (lower case, dashes).</summary>
    public abstract string Name { get; }

    /// <summary>One line: what runs and what is checked.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Builds one iteration on <see cref="ScenarioContext.System"/>: spawns the actors, adds the
    /// monitors (before the actors run, so they see everything), and sets the end condition, the
    /// final check and the blocked-work probe on <paramref name="context"/>. Setup may drive the
    /// system (booting a machine runs it); those steps are part of the recorded schedule.
    /// </summary>
    public abstract void Setup(ScenarioContext context);

    /// <summary>The options of each iteration's actor system, from the explorer's. Default: unchanged.</summary>
    public virtual ActorSystemOptions Configure(ActorSystemOptions options) => options;
}
