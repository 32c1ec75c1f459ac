using MachActors.Actors.Tracing;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Properties.Kernel.Vm;

public sealed partial class VmMonitor
{
    private readonly Dictionary<(int Object, long Offset), long> _requested = [];

    /// <summary>(e) An object sends a data_request: none may be outstanding for that page.</summary>
    private void SentRequest(in TraceEvent e)
    {
        if (e.Message is not DataRequest r) return;
        Requests++;
        if (_requested.TryGetValue((e.Actor, r.Offset), out var earlier))
        {
            Violate(VmProperty.E, e, $"object a{e.Actor} sends data_request #{r.Seqno} for offset {r.Offset} while #{earlier} is outstanding");
        }
        _requested[(e.Actor, r.Offset)] = r.Seqno;
    }

    /// <summary>(e) The pager's answer reaches the object (or its pager timer fires): the pages' requests are no longer outstanding.</summary>
    private void DeliveredAnswer(in TraceEvent e)
    {
        switch (e.Message)
        {
            case DataSupply s:
                Answered(e.Actor, s.Offset, (long)s.Pages.Length * pageSize);
                break;
            case DataUnavailable u:
                Answered(e.Actor, u.Offset, u.Size);
                break;
            case DataError d:
                Answered(e.Actor, d.Offset, d.Size);
                break;
            case { } m when m.GetType().Name == "PagerTimer" && m.GetType().GetProperty("Offset")?.GetValue(m) is long offset:
                Answered(e.Actor, offset, pageSize);
                break;
        }
    }

    private void Answered(int obj, long offset, long size)
    {
        for (var at = offset; at < offset + Math.Max(size, pageSize); at += pageSize) _requested.Remove((obj, at));
    }
}
