namespace MachActors.Hardware.Memory;

/// <summary>The result of <see cref="ShootdownTracker.Begin"/> or <see cref="ShootdownTracker.Acknowledge"/>.</summary>
/// <param name="State">Pending, completed, stale or invalid.</param>
/// <param name="Request">The shootdown concerned (for Begin, the request to send to each CPU in <paramref name="WaitingFor"/>); null when stale or invalid.</param>
/// <param name="WaitingFor">The CPUs (bit n = CPU n) whose ack is still outstanding.</param>
/// <param name="ReleasedFrames">Frames no outstanding shootdown holds any more: safe to reuse now. Empty unless completed.</param>
public sealed record ShootdownOutcome(ShootdownState State, TlbShootdown? Request, ulong WaitingFor, IReadOnlyList<FrameNumber> ReleasedFrames);
