using MachActors.Actors;
using MachActors.Bench.Actors;
using MachActors.Exploration;

namespace MachActors.Bench.Exploration;

/// <summary>
/// The exploration benchmark's baseline: a ring of <see cref="RingSize"/> trivial actors with
/// <see cref="Tokens"/> tokens, run until <paramref name="steps"/> steps, under the same engine as
/// the machine scenario (fresh system per iteration, strategy, monitors none): what an iteration of
/// that many steps costs when the actors do nothing.
/// </summary>
/// <param name="steps">Steps per iteration (the machine scenario's).</param>
public sealed class RingScenario(long steps) : Scenario
{
    /// <summary>Actors in the ring.</summary>
    public const int RingSize = 100;

    /// <summary>Tokens circulating.</summary>
    public const int Tokens = 10;

    /// <inheritdoc />
    public override string Name => "ring";

    /// <inheritdoc />
    public override string Description => $"a ring of {RingSize} actors with {Tokens} tokens for {steps} steps";

    /// <inheritdoc />
    public override void Setup(ScenarioContext context)
    {
        var system = context.System;
        var nodes = new IActorRef[RingSize];
        var props = Props.Create<RingNode>();
        for (var i = 0; i < RingSize; i++) nodes[i] = system.Spawn(props);
        for (var i = 0; i < RingSize; i++) nodes[i].Tell(new SetNext(nodes[(i + 1) % RingSize]), null);
        for (var t = 0; t < Tokens; t++) nodes[t * (RingSize / Tokens)].Tell(Token.Instance, null);
        context.Done = () => system.TotalSteps >= steps;
    }
}
