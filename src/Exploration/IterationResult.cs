using MachActors.Actors.Scheduling;

namespace MachActors.Exploration;

/// <summary>One iteration of an exploration.</summary>
/// <param name="Index">The iteration's index in the run.</param>
/// <param name="Seed">The iteration's seed (derived from the run seed and the index).</param>
/// <param name="Strategy">The iteration strategy's description (with every parameter, enough to rerun it).</param>
/// <param name="Steps">Messages (and early timer firings) processed, setup included.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Bug">The bug, when one was found.</param>
/// <param name="ScheduleHash">A hash of every decision (equal schedules, equal hashes).</param>
/// <param name="Schedule">The recorded schedule (kept for bugs; null otherwise).</param>
/// <param name="Coverage">The (actor class, message class) pairs delivered.</param>
public sealed record IterationResult(
    long Index, ulong Seed, string Strategy, long Steps, IterationOutcome Outcome, Bug? Bug, ulong ScheduleHash,
    Schedule? Schedule, IReadOnlyList<CoveragePair> Coverage);
