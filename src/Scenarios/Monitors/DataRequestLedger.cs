using MachActors.Actors;
using MachActors.Actors.Tracing;
using MachActors.Kernel.Vm;

namespace MachActors.Scenarios.Monitors;

/// <summary>
/// Spec I1 / property (e) as a plain class, fed the runtime's trace events: the outstanding data_requests
/// per page of each VM object (an actor id). A request is outstanding from the object's send until the
/// pager's data_supply, data_unavailable or data_error for that page reaches the object, the object's
/// pager timer for it fires, the object sends terminate, learns its pager died (<see cref="Terminated"/>),
/// or stops. A second request for an outstanding page is the violation. Shared by
/// <see cref="DataRequestMonitor"/> (exploration) and the VM property monitor of tests/Properties.
/// </summary>
/// <param name="pageSize">The machine's page size.</param>
public sealed class DataRequestLedger(int pageSize)
{
    private readonly Dictionary<(int Object, long Offset), long> _outstanding = [];

    /// <summary>data_requests seen.</summary>
    public long Requests { get; private set; }

    /// <summary>Pages with a data_request outstanding now.</summary>
    public int Outstanding => _outstanding.Count;

    /// <summary>Takes one trace event (sends, deliveries and stops matter; others are ignored); returns the violation it shows, or null.</summary>
    public string? OnEvent(in TraceEvent e)
    {
        switch (e.Kind)
        {
            case TraceKind.Send when e.Message is DataRequest r:
                return Sent(e.Actor, r);
            case TraceKind.Send when e.Message is Terminate:
            case TraceKind.Stop:
                Forget(e.Actor);
                break;
            case TraceKind.Deliver when e.Message is not null:
                Delivered(e.Actor, e.Message);
                break;
        }
        return null;
    }

    private string? Sent(int obj, DataRequest r)
    {
        Requests++;
        var violation = _outstanding.TryGetValue((obj, r.Offset), out var earlier)
            ? $"VM object a{obj} sent data_request #{r.Seqno} for offset {r.Offset} while #{earlier} is outstanding"
            : null;
        _outstanding[(obj, r.Offset)] = r.Seqno;
        return violation;
    }

    private void Delivered(int obj, object message)
    {
        switch (message)
        {
            case DataSupply s:
                Answered(obj, s.Offset, (long)s.Pages.Length * pageSize);
                break;
            case DataUnavailable u:
                Answered(obj, u.Offset, u.Size);
                break;
            case DataError d:
                Answered(obj, d.Offset, d.Size);
                break;
            case Terminated:
                Forget(obj);
                break;
            case { } m when VmObject.IsPagerTimer(m, out var offset):
                Answered(obj, offset, pageSize);
                break;
        }
    }

    private void Answered(int obj, long offset, long size)
    {
        for (var at = offset; at < offset + Math.Max(size, pageSize); at += pageSize) _outstanding.Remove((obj, at));
    }

    private void Forget(int obj)
    {
        foreach (var key in _outstanding.Keys.Where(k => k.Object == obj).ToList()) _outstanding.Remove(key);
    }
}
