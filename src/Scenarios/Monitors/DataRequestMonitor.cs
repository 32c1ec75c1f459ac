using MachActors.Actors;
using MachActors.Actors.Tracing;
using MachActors.Exploration.Monitors;
using MachActors.Kernel.Vm;

namespace MachActors.Scenarios.Monitors;

/// <summary>
/// Spec I1 / property (e): at most one outstanding data_request per page of a VM object, always. A
/// request is outstanding from the object's send until the pager's data_supply, data_unavailable or
/// data_error for that page reaches the object, the object's pager timer for it fires, the object sends
/// terminate, or the object learns its pager died.
/// </summary>
/// <param name="pageSize">The machine's page size.</param>
public sealed class DataRequestMonitor(int pageSize) : SpecMonitor
{
    private readonly Dictionary<(int Object, long Offset), long> _outstanding = [];

    /// <summary>data_requests seen.</summary>
    public long Requests { get; private set; }

    /// <summary>Watches sends (the object's data_request and terminate) as well as deliveries.</summary>
    public override void OnEvent(in TraceEvent e)
    {
        if (e.Kind == TraceKind.Send && e.Message is DataRequest r) Sent(e.Actor, r);
        else if (e.Kind == TraceKind.Send && e.Message is Terminate) Forget(e.Actor);
        base.OnEvent(e);
    }

    private void Sent(int obj, DataRequest r)
    {
        Requests++;
        Assert(!_outstanding.TryGetValue((obj, r.Offset), out var earlier),
            $"VM object a{obj} sent data_request #{r.Seqno} for offset {r.Offset} while #{earlier} is outstanding");
        _outstanding[(obj, r.Offset)] = r.Seqno;
    }

    /// <inheritdoc />
    protected override void OnDeliver(int receiver, int sender, object message)
    {
        switch (message)
        {
            case DataSupply s:
                Answered(receiver, s.Offset, (long)s.Pages.Length * pageSize);
                break;
            case DataUnavailable u:
                Answered(receiver, u.Offset, u.Size);
                break;
            case DataError d:
                Answered(receiver, d.Offset, d.Size);
                break;
            case Terminated:
                Forget(receiver);
                break;
            case { } m when VmObject.IsPagerTimer(m, out var offset):
                Answered(receiver, offset, pageSize);
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
