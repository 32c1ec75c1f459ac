using MachActors.Actors.Tracing;
using MachActors.Exploration.Monitors;

namespace MachActors.Scenarios.Monitors;

/// <summary>
/// Spec I1 / property (e): at most one outstanding data_request per page of a VM object, always. A
/// request is outstanding from the object's send until the pager's data_supply, data_unavailable or
/// data_error for that page reaches the object, the object's pager timer for it fires, the object sends
/// terminate, or the object learns its pager died (the logic: <see cref="DataRequestLedger"/>).
/// </summary>
/// <param name="pageSize">The machine's page size.</param>
public sealed class DataRequestMonitor(int pageSize) : SpecMonitor
{
    private readonly DataRequestLedger _ledger = new(pageSize);

    /// <summary>data_requests seen.</summary>
    public long Requests => _ledger.Requests;

    /// <summary>Watches sends (the object's data_request and terminate), deliveries and stops.</summary>
    public override void OnEvent(in TraceEvent e)
    {
        if (_ledger.OnEvent(e) is { } violation) Assert(false, violation);
        base.OnEvent(e);
    }
}
