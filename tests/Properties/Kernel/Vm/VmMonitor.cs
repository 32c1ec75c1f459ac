using MachActors.Actors.Tracing;
using MachActors.Hardware.Cpu;
using MachActors.Hardware.Memory;
using MachActors.Kernel.Vm;
using MachActors.Scenarios.Monitors;

namespace MachActors.Tests.Properties.Kernel.Vm;

/// <summary>The VM properties the monitor watches (issue 5).</summary>
public enum VmProperty
{
    /// <summary>(c) No frame is held by two object pages at once, and every frame answered to a fault or a CPU is held by the page it is said to hold.</summary>
    C,

    /// <summary>(d) Every dirty page leaving memory is data_returned exactly once before its frame is freed (and so before it is reused).</summary>
    D,

    /// <summary>(e) At most one outstanding data_request per object page.</summary>
    E,

    /// <summary>(f) A CPU never accesses memory through a translation that was shot down.</summary>
    F,
}

/// <summary>
/// Watches every message the actor runtime delivers (an <see cref="ITraceSink"/>, so no kernel change)
/// and checks properties (c)-(f) at every step, recording each violation with the event that broke it.
/// Actors are told apart by the messages they send and receive: the resident memory receives
/// <see cref="FrameAllocate"/>, <see cref="FrameFree"/> and <see cref="MemoryAccess"/>; VM objects send
/// <see cref="FrameAllocate"/> and <see cref="DataRequest"/>; CPUs send <see cref="MemoryAccess"/>.
/// Thread-safe (the parallel dispatcher calls it from many threads; one lock orders the events, and
/// each actor's own events arrive in its order). Property (e) is the exploration monitors' own logic,
/// <see cref="DataRequestLedger"/> (src/Scenarios), fed the same events.
/// </summary>
public sealed partial class VmMonitor(int pageSize) : ITraceSink
{
    private readonly Lock _gate = new();
    private readonly List<(VmProperty Property, string Text)> _violations = [];
    private readonly Dictionary<(int Object, long Request), (PageOwner Owner, bool Copy)> _allocating = [];
    private readonly Dictionary<long, Held> _held = [];
    private readonly Dictionary<long, (long Frame, int Object)> _evictions = [];
    private readonly Dictionary<(int Object, long Offset), long> _pagingOut = [];
    private readonly DataRequestLedger _requests = new(pageSize);
    private long _events;

    /// <summary>Messages watched so far.</summary>
    public long Events
    {
        get { lock (_gate) return _events; }
    }

    /// <summary>Evictions that went out with a data_return.</summary>
    public int Pageouts { get; private set; }

    /// <summary>data_requests seen.</summary>
    public long Requests
    {
        get { lock (_gate) return _requests.Requests; }
    }

    /// <summary>The violations of <paramref name="property"/>, in order.</summary>
    public IReadOnlyList<string> Violations(VmProperty property)
    {
        lock (_gate) return [.. _violations.Where(v => v.Property == property).Select(v => v.Text)];
    }

    /// <inheritdoc />
    public void OnEvent(in TraceEvent e)
    {
        if (e.Kind is not (TraceKind.Send or TraceKind.Deliver or TraceKind.Stop)) return;
        lock (_gate)
        {
            _events++;
            if (_requests.OnEvent(e) is { } violation) Violate(VmProperty.E, e, violation);
            if (e.Kind == TraceKind.Send) Sent(e);
            else if (e.Kind == TraceKind.Deliver) Delivered(e);
        }
    }

    private void Sent(in TraceEvent e)
    {
        switch (e.Message)
        {
            case FrameAllocated { Frame: { } frame } a:
                Given((int)e.Other, a.RequestId, frame.Id, e);
                break;
            case PageEvict v:
                _evictions[v.Token] = (v.Frame.Id, (int)e.Other);
                break;
            case PageEvicted v when _evictions.Remove(v.Token, out var ev) && _held.TryGetValue(ev.Frame, out var h):
                Evicted(v, ev.Frame, h, e);
                break;
            case DataReturn r when _pagingOut.TryGetValue((e.Actor, r.Offset), out var frame) && _held.TryGetValue(frame, out var h):
                if (++h.Returns > 1) Violate(VmProperty.D, e, $"a second data_return of {h.Owner} (frame {frame}) in one pageout");
                break;
            case ObjectFaultAnswer { Answer: { Outcome: VmFaultOutcome.Resident, Frame: { } frame }, Owner: { } owner }:
                if (!_held.TryGetValue(frame.Id, out var holder) || holder.Owner != owner)
                {
                    Violate(VmProperty.C, e, $"a fault is answered frame {frame.Id} as {owner}, but the frame holds {(holder is null ? "nothing (free)" : holder.Owner)}");
                }
                break;
            case KernelCallReply { Result: MemoryTranslation t }:
                if (!_held.ContainsKey(t.Frame.Value)) Violate(VmProperty.C, e, $"a task gives a CPU frame {t.Frame.Value} for page {t.Page}, but the frame is free");
                break;
            default:
                SentByCpu(e);
                break;
        }
    }

    private void Delivered(in TraceEvent e)
    {
        switch (e.Message)
        {
            case FrameAllocate a:
                _allocating[((int)e.Other, a.RequestId)] = (a.Owner, a.CopyOf is not null);
                break;
            case FrameFree f:
                foreach (var frame in f.Frames) Freed((int)e.Other, frame.Id, e);
                break;
            case MemoryAccess m:
                Accessed(m, e);
                break;
            case PageUnmapped u when _evictions.TryGetValue(u.Token, out var ev) && _held.TryGetValue(ev.Frame, out var h):
                h.Unmapped = true;
                break;
            default:
                DeliveredToCpu(e);
                break;
        }
    }

    /// <summary>The resident memory hands <paramref name="frame"/> to an object: it must be free (c).</summary>
    private void Given(int obj, long request, long frame, in TraceEvent e)
    {
        if (!_allocating.Remove((obj, request), out var asked)) return;
        if (_held.TryGetValue(frame, out var h)) Violate(VmProperty.C, e, $"frame {frame} is given to {asked.Owner} while it still holds {h.Owner}");
        _held[frame] = new Held(obj, asked.Owner) { Dirty = asked.Copy };
    }

    /// <summary>An object gives <paramref name="frame"/> back: if it was paged out, after exactly one data_return (d).</summary>
    private void Freed(int obj, long frame, in TraceEvent e)
    {
        if (!_held.Remove(frame, out var h))
        {
            Violate(VmProperty.C, e, $"frame {frame} is freed but no object holds it");
            return;
        }
        if (h.Object != obj) Violate(VmProperty.C, e, $"frame {frame} of {h.Owner} is freed by another object");
        if (!h.PagingOut) return;
        _pagingOut.Remove((h.Object, h.Owner.Offset));
        if (h.Returns != 1) Violate(VmProperty.D, e, $"the dirty page {h.Owner} left memory (frame {frame} freed) after {h.Returns} data_returns");
    }

    /// <summary>The daemon's verdict on an eviction: a clean drop must not lose a written page (d); a pageout must come with one data_return.</summary>
    private void Evicted(PageEvicted v, long frame, Held h, in TraceEvent e)
    {
        if (v.PagedOut)
        {
            Pageouts++;
            h.PagingOut = true;
            _pagingOut[(h.Object, h.Owner.Offset)] = frame;
            return;
        }
        if (h.Dirty) Violate(VmProperty.D, e, $"the dirty page {h.Owner} left memory without a data_return (frame {frame} freed as clean)");
        _held.Remove(frame);
    }

    /// <summary>A CPU access: to a held frame whose mappings are not all shot down (f); a write makes the page dirty.</summary>
    private void Accessed(MemoryAccess m, in TraceEvent e)
    {
        if (!_held.TryGetValue(m.Frame.Value, out var h))
        {
            Violate(VmProperty.F, e, $"cpu actor a{e.Other} accesses frame {m.Frame.Value}, which is free");
            return;
        }
        if (h.Unmapped) Violate(VmProperty.F, e, $"cpu actor a{e.Other} accesses frame {m.Frame.Value} of {h.Owner} after every mapping of it was shot down");
        if (m.IsWrite) h.Dirty = true;
    }

    private void Violate(VmProperty property, in TraceEvent e, string text)
    {
        if (_violations.Count < 50) _violations.Add((property, $"({property.ToString().ToLowerInvariant()}) at {e.Time} step {e.Step}: {text}"));
    }

    /// <summary>A frame an object holds, as the monitor knows it.</summary>
    private sealed class Held(int obj, PageOwner owner)
    {
        public int Object { get; } = obj;

        public PageOwner Owner { get; } = owner;

        /// <summary>Written by a CPU (or made by a copy-on-write copy) since it was filled.</summary>
        public bool Dirty { get; set; }

        /// <summary>Its eviction removed every mapping (the daemon has it now).</summary>
        public bool Unmapped { get; set; }

        /// <summary>Its eviction is a pageout: a data_return must go out before the frame is freed.</summary>
        public bool PagingOut { get; set; }

        public int Returns { get; set; }
    }
}
