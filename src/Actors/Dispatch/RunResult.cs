using MachActors.Actors.Timing;

namespace MachActors.Actors.Dispatch;

/// <summary>The result of one Run call.</summary>
/// <param name="Outcome">Why it returned.</param>
/// <param name="Steps">Messages (and early timer firings) processed during the call.</param>
/// <param name="Now">The virtual time when it returned.</param>
public readonly record struct RunResult(RunOutcome Outcome, long Steps, VirtualTime Now);
