using MachActors.Actors;
using MachActors.Tests.Coyote.Harness;

namespace MachActors.Tests.Coyote.StopRace;

/// <summary>Books charges until it is closed; a charge after closing is the safety violation.</summary>
public sealed class Ledger : Actor
{
    private bool _closed;

    /// <summary>
    /// Close: no more charges. Charged: booked while open; after closing it throws
    /// <see cref="SafetyViolation"/>. Replies: none.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Close:
                _closed = true;
                break;
            case Charged c when _closed:
                throw new SafetyViolation($"charge of {c.Amount} booked after the ledger was closed");
            case Charged:
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
