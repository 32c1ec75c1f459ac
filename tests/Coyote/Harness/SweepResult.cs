namespace MachActors.Tests.Coyote.Harness;

/// <summary>The outcome of a seed sweep.</summary>
/// <param name="FirstViolation">The first iteration that violated safety, or null when all survived.</param>
/// <param name="IterationsRun">How many iterations ran (the sweep stops at the first violation).</param>
public sealed record SweepResult(Iteration? FirstViolation, int IterationsRun);
