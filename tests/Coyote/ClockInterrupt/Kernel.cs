using System.Globalization;
using MachActors.Actors;

namespace MachActors.Tests.Coyote.ClockInterrupt;

/// <summary>Performs <c>switches</c> context switches on the CPU, one after another, as soon as it starts.</summary>
public sealed class Kernel(IActorRef cpu, int switches) : Actor
{
    private int _done;

    /// <summary>Starts the first switch: Unload.</summary>
    protected override void PreStart() => cpu.Tell(Unload.Instance, Self);

    /// <summary>
    /// Unloaded: loads the next thread (Load). Loaded: counts the switch and starts the next one
    /// (Unload) until all are done.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Unloaded:
                cpu.Tell(new Load("thread-" + (_done + 1).ToString(CultureInfo.InvariantCulture)), Self);
                break;
            case Loaded:
                if (++_done < switches) cpu.Tell(Unload.Instance, Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
