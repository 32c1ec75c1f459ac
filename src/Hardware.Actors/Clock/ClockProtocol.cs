namespace MachActors.Hardware.Clock;

/// <summary>The hardware clock's interrupt, delivered to every CPU each tick.</summary>
/// <param name="Tick">Ticks since boot, from 1.</param>
public sealed record ClockInterrupt(long Tick);
