using MachActors.Actors;

namespace MachActors.Tests.Unit.Exploration;

/// <summary>Client -> register: read. Reply: the value (an int).</summary>
public sealed record ToyRead;

/// <summary>Client -> register: overwrite with <paramref name="Value"/> (the racy client) or only if it is still <paramref name="Expected"/> (a compare-and-set when Expected is set). Reply: <see cref="ToyWritten"/>.</summary>
public sealed record ToyWrite(int Value, int? Expected = null);

/// <summary>Register -> client: whether the write took effect, and the value now held.</summary>
public sealed record ToyWritten(bool Ok, int Value);

/// <summary>What the register tells the monitors after each change.</summary>
public sealed record ToyValue(int Value);

/// <summary>A shared register (starts at 0); tells the monitors each value it takes.</summary>
public sealed class ToyRegister : Actor
{
    private int _value;

    /// <summary>ToyRead: replies the value. ToyWrite: writes (if the expected value holds), notifies, replies ToyWritten.</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ToyRead:
                Sender.Tell(_value, Self);
                break;
            case ToyWrite w:
                var ok = w.Expected is not { } e || e == _value;
                if (ok)
                {
                    _value = w.Value;
                    Context.Notify(new ToyValue(_value));
                }
                Sender.Tell(new ToyWritten(ok, _value), Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}

/// <summary>Increments the register once: read, then write value + 1 (racy), or compare-and-set with retries (correct).</summary>
public sealed class ToyIncrementer(IActorRef register, bool compareAndSet) : Actor
{
    /// <summary>Starts with a read.</summary>
    protected override void PreStart() => register.Tell(new ToyRead(), Self);

    /// <summary>An int (the read): write it + 1. ToyWritten not ok: read again.</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case int v:
                register.Tell(new ToyWrite(v + 1, compareAndSet ? v : null), Self);
                break;
            case ToyWritten { Ok: false }:
                register.Tell(new ToyRead(), Self);
                break;
            case ToyWritten:
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}

/// <summary>Sends "ping" to its partner on every "ping" it gets, forever (a livelock).</summary>
public sealed class ToyPinger : Actor
{
    private IActorRef? _partner;

    /// <summary>An IActorRef: the partner (the first one also starts). "ping": back to the partner.</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case (IActorRef partner, bool start):
                _partner = partner;
                if (start) partner.Tell("ping", Self);
                break;
            case "ping":
                _partner?.Tell("ping", Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}

/// <summary>Throws when "b" arrives before "a" (an ordering bug of depth 1).</summary>
public sealed class ToyOrderSensitive : Actor
{
    private bool _sawA;

    /// <summary>"a": noted. "b": throws unless "a" came first.</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case "a":
                _sawA = true;
                break;
            case "b" when !_sawA:
                throw new InvalidOperationException("b before a");
            case "b":
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}

/// <summary>Tells <paramref name="target"/> <paramref name="what"/> when started.</summary>
public sealed class ToySender(IActorRef target, string what) : Actor
{
    /// <summary>Sends, once.</summary>
    protected override void PreStart() => target.Tell(what, Self);

    /// <summary>Nothing to handle.</summary>
    protected override void OnReceive(object message) => Unhandled(message);
}
