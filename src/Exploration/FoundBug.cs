namespace MachActors.Exploration;

/// <summary>A bug in a report: where it was found and how to replay it.</summary>
/// <param name="Iteration">The iteration's index.</param>
/// <param name="Seed">The iteration's seed.</param>
/// <param name="Strategy">The iteration strategy's description.</param>
/// <param name="Bug">The bug.</param>
/// <param name="ScheduleFile">The schedule file written, or null (no output directory).</param>
/// <param name="LogFile">The readable log written beside it, or null.</param>
/// <param name="Reproduced">Replaying the schedule gave the same bug again (checked when the files are written).</param>
public sealed record FoundBug(long Iteration, ulong Seed, string Strategy, Bug Bug, string? ScheduleFile, string? LogFile, bool? Reproduced);
