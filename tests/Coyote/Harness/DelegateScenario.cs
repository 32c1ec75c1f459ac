using MachActors.Actors;
using MachActors.Exploration;

namespace MachActors.Tests.Coyote.Harness;

/// <summary>
/// A scenario written as one function: it sets up actors on the system, runs it, and returns a violation
/// message from its final check, or null (any actor failure, such as a thrown <see cref="SafetyViolation"/>,
/// is reported by the engine as an unhandled exception).
/// </summary>
/// <param name="name">The scenario's name.</param>
/// <param name="run">Setup, run and final check.</param>
public sealed class DelegateScenario(string name, Func<ActorSystem, string?> run) : Scenario
{
    /// <inheritdoc />
    public override string Name => name;

    /// <inheritdoc />
    public override string Description => name;

    /// <inheritdoc />
    public override void Setup(ScenarioContext context)
    {
        var verdict = run(context.System);
        context.Check = () => verdict;
    }
}
