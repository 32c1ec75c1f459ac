using MachActors.Actors.Timing;

namespace MachActors.Hardware.Cpu;

/// <summary>A CPU's accounting up to <paramref name="At"/>: every nanosecond is either idle or charged to one thread.</summary>
/// <param name="Cpu">The CPU.</param>
/// <param name="At">When the report was made.</param>
/// <param name="Busy">Time spent running threads.</param>
/// <param name="Idle">Time spent with no thread.</param>
/// <param name="ContextSwitches">Threads dispatched onto this CPU.</param>
/// <param name="Traps">Traps taken (computes, yields, kernel calls, exits).</param>
/// <param name="ByThread">Busy time per thread id.</param>
/// <param name="CurrentThread">The thread running now, or null.</param>
public sealed record CpuStats(
    int Cpu, VirtualTime At, Duration Busy, Duration Idle, long ContextSwitches, long Traps,
    IReadOnlyDictionary<long, Duration> ByThread, long? CurrentThread)
{
    /// <summary>Busy / (busy + idle), 0 when no time has passed.</summary>
    public double Utilisation => Busy.Nanoseconds + Idle.Nanoseconds == 0 ? 0 : (double)Busy.Nanoseconds / (Busy.Nanoseconds + Idle.Nanoseconds);
}
