using MachActors.Exploration.Monitors;
using MachActors.Kernel.Vm;

namespace MachActors.Scenarios.Monitors;

/// <summary>
/// Liveness of the fault path: every fault a VM object is asked (<see cref="ObjectFault"/>, from a task
/// or from a shadow object down the chain) is eventually answered (<see cref="ObjectFaultAnswer"/>:
/// resident, or a memory error that becomes an exception). Hot while one is outstanding.
/// </summary>
public sealed class FaultLivenessMonitor : SpecMonitor
{
    private readonly Dictionary<(int Asker, long FaultId), long> _outstanding = [];

    /// <summary>Faults asked so far.</summary>
    public long Faults { get; private set; }

    /// <inheritdoc />
    protected override void OnDeliver(int receiver, int sender, object message)
    {
        switch (message)
        {
            case ObjectFault f:
                Faults++;
                _outstanding[(sender, f.FaultId)] = f.Offset;
                break;
            case ObjectFaultAnswer a:
                _outstanding.Remove((receiver, a.FaultId));
                break;
            default:
                return;
        }
        if (_outstanding.Count == 0) Cold();
        else Hot();
    }

    /// <inheritdoc />
    protected override string DescribeHot() =>
        $"{_outstanding.Count} fault(s) unanswered, first: a{_outstanding.Keys.First().Asker} fault {_outstanding.Keys.First().FaultId} at offset {_outstanding.Values.First()}";
}
