using MachActors.Actors.Timing;

namespace MachActors.Host.Demo;

/// <summary>How the demo runs, as chosen on the command line.</summary>
/// <param name="Seed">Seed of the controlled dispatcher's random strategy (and of the parallel dispatcher's choices).</param>
/// <param name="Parallel">True for the parallel dispatcher, false for the controlled one.</param>
/// <param name="Duration">Virtual time to run for.</param>
/// <param name="Trace">Keep every trace event so it can be printed.</param>
internal sealed record DemoSettings(ulong Seed, bool Parallel, Duration Duration, bool Trace);
