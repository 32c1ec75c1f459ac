using MachActors.Actors;

namespace MachActors.Tests.Coyote.LostUpdate;

/// <summary>A shared integer register with read, blind write, and compare-and-set. Starts at 0.</summary>
public sealed class Register : Actor
{
    private int _value;

    /// <summary>
    /// Read: replies ReadResult(value). Write(v): sets value = v, replies Written.
    /// CompareAndSet(e, v): sets value = v only if value == e; replies CasResult(succeeded, value).
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Read:
                Sender.Tell(new ReadResult(_value), Self);
                break;
            case Write w:
                _value = w.Value;
                Sender.Tell(Written.Instance, Self);
                break;
            case CompareAndSet cas:
                var ok = _value == cas.Expected;
                if (ok) _value = cas.Value;
                Sender.Tell(new CasResult(ok, _value), Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
