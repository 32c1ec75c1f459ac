using MachActors.Actors.Scheduling;

namespace MachActors.Tests.Coyote.Harness;

/// <summary>One explored run: its seed, what went wrong (if anything), its schedule and its trace.</summary>
/// <param name="Index">Iteration number within the sweep.</param>
/// <param name="Seed">The strategy's seed.</param>
/// <param name="Violation">The first safety violation (an actor's failed assertion, or the scenario's final check), or null.</param>
/// <param name="Schedule">Every decision of the run, for <see cref="ReplayStrategy"/>.</param>
/// <param name="Trace">The run's trace, one canonical line per event.</param>
public sealed record Iteration(int Index, ulong Seed, string? Violation, Schedule Schedule, IReadOnlyList<string> Trace);
