using System.Numerics;

namespace MachActors.Hardware.Memory;

/// <summary>
/// The kernel's side of TLB coherence. It remembers which CPUs may cache translations of each pmap
/// (<see cref="NoteCached"/>, fed by TLB inserts), hands out <see cref="TlbShootdown"/> requests with
/// fresh tokens, and completes a shootdown only when every CPU it was sent to has acknowledged. Frames
/// given to <see cref="Begin"/> are held until then (and until every other outstanding shootdown
/// holding them has completed): a frame is reused only after every ack (docs/VM.md rule 5).
/// Stale, repeated or foreign acks are ignored and counted. Tokens count up from 1.
/// </summary>
public sealed class ShootdownTracker
{
    /// <summary>CPUs a tracker can name (bit n of a mask is CPU n).</summary>
    public const int MaxCpus = 64;

    private readonly Dictionary<long, ulong> _caching = [];
    private readonly Dictionary<long, Pending> _pending = [];
    private readonly Dictionary<FrameNumber, int> _held = [];
    private long _nextToken = 1;

    /// <summary>Acks that matched nothing outstanding.</summary>
    public long StaleAcks { get; private set; }

    /// <summary>Shootdowns begun and not yet completed.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Records that <paramref name="cpu"/> may now cache translations of <paramref name="pmapId"/>. False (nothing recorded) for a CPU out of range.</summary>
    public bool NoteCached(long pmapId, int cpu)
    {
        if (cpu is < 0 or >= MaxCpus) return false;
        _caching[pmapId] = CpusCaching(pmapId) | (1UL << cpu);
        return true;
    }

    /// <summary>The CPUs that may cache translations of <paramref name="pmapId"/> (bit n = CPU n).</summary>
    public ulong CpusCaching(long pmapId) => _caching.GetValueOrDefault(pmapId);

    /// <summary>Forgets <paramref name="pmapId"/> (destroyed, and every CPU flushed it). Outstanding shootdowns are unaffected.</summary>
    public void ForgetPmap(long pmapId) => _caching.Remove(pmapId);

    /// <summary>Whether an outstanding shootdown holds <paramref name="frame"/> (it must not be reused yet).</summary>
    public bool IsHeld(FrameNumber frame) => _held.ContainsKey(frame);

    /// <summary>Whether the shootdown with <paramref name="token"/> is still waiting for acks.</summary>
    public bool IsPending(long token) => _pending.ContainsKey(token);

    /// <summary>
    /// Starts a shootdown of pages <paramref name="firstPage"/> .. + <paramref name="pageCount"/> - 1 of
    /// <paramref name="pmapId"/> (<see cref="long.MaxValue"/> pages from 0: the whole pmap), to the CPUs in
    /// <paramref name="cpus"/> (null: every CPU that may cache the pmap), holding <paramref name="frames"/>
    /// until it completes. Pending, with the request to send to each CPU of <see cref="ShootdownOutcome.WaitingFor"/>;
    /// or completed at once (no CPU to ask), releasing the frames; or invalid for a bad range.
    /// </summary>
    public ShootdownOutcome Begin(long pmapId, long firstPage, long pageCount, ulong? cpus = null, IReadOnlyList<FrameNumber>? frames = null)
    {
        if (firstPage < 0 || pageCount < 1) return new(ShootdownState.InvalidArgument, null, 0, []);
        var request = new TlbShootdown(pmapId, firstPage, pageCount, _nextToken++);
        var waiting = cpus ?? CpusCaching(pmapId);
        var held = frames?.Distinct().ToArray() ?? [];
        foreach (var frame in held) _held[frame] = _held.GetValueOrDefault(frame) + 1;
        if (waiting == 0) return new(ShootdownState.Completed, request, 0, Release(held));
        _pending[request.Token] = new Pending(request, waiting, held);
        return new(ShootdownState.Pending, request, waiting, []);
    }

    /// <summary>
    /// Records <paramref name="cpu"/>'s ack of <paramref name="token"/>. Pending while other CPUs have not
    /// acknowledged; completed (releasing the frames no other outstanding shootdown holds) with the last;
    /// stale (ignored, counted) for an unknown or finished token, a CPU not asked, or a repeated ack;
    /// invalid for a CPU out of range. A CPU that acknowledges a whole-pmap shootdown no longer counts as caching that pmap.
    /// </summary>
    public ShootdownOutcome Acknowledge(int cpu, long token)
    {
        if (cpu is < 0 or >= MaxCpus) return new(ShootdownState.InvalidArgument, null, 0, []);
        var bit = 1UL << cpu;
        if (!_pending.TryGetValue(token, out var pending) || (pending.Waiting & bit) == 0)
        {
            StaleAcks++;
            return new(ShootdownState.Stale, null, pending?.Waiting ?? 0, []);
        }
        pending.Waiting &= ~bit;
        if (pending.Request.IsWholePmap && _caching.TryGetValue(pending.Request.PmapId, out var mask))
        {
            _caching[pending.Request.PmapId] = mask & ~bit;
        }
        if (pending.Waiting != 0) return new(ShootdownState.Pending, pending.Request, pending.Waiting, []);
        _pending.Remove(token);
        return new(ShootdownState.Completed, pending.Request, 0, Release(pending.Frames));
    }

    /// <summary>The number of CPUs in <paramref name="mask"/>.</summary>
    public static int CountCpus(ulong mask) => BitOperations.PopCount(mask);

    private FrameNumber[] Release(FrameNumber[] frames)
    {
        var released = new List<FrameNumber>();
        foreach (var frame in frames)
        {
            var count = _held[frame] - 1;
            if (count > 0)
            {
                _held[frame] = count;
                continue;
            }
            _held.Remove(frame);
            released.Add(frame);
        }
        return [.. released];
    }

    private sealed class Pending(TlbShootdown request, ulong waiting, FrameNumber[] frames)
    {
        public TlbShootdown Request { get; } = request;

        public ulong Waiting { get; set; } = waiting;

        public FrameNumber[] Frames { get; } = frames;
    }
}
