namespace MachActors.Actors.Event;

/// <summary>
/// Publish / subscribe for runtime events (<see cref="DeadLetter"/>, <see cref="UnhandledMessage"/>,
/// <see cref="ActorFailed"/>, <see cref="UnhandledFailure"/>) and for anything user code publishes.
/// Subscribers are actors: an event is delivered by a Tell, so it is scheduled like any other message
/// and appears in traces and recorded schedules. A subscriber that stops is unsubscribed.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _gate = new();
    private (Type Type, IActorRef Subscriber)[] _subscriptions = [];

    /// <summary>Whether anyone is subscribed at all (cheap; lets publishers skip building events).</summary>
    public bool HasSubscribers => Volatile.Read(ref _subscriptions).Length > 0;

    /// <summary>Delivers every later event assignable to <paramref name="eventType"/> to <paramref name="subscriber"/>.</summary>
    /// <returns>False when that exact subscription already existed.</returns>
    public bool Subscribe(IActorRef subscriber, Type eventType)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(eventType);
        lock (_gate)
        {
            if (_subscriptions.Any(s => s.Type == eventType && s.Subscriber.Equals(subscriber))) return false;
            _subscriptions = [.. _subscriptions, (eventType, subscriber)];
            return true;
        }
    }

    /// <summary>Removes one subscription, or every subscription of <paramref name="subscriber"/> when <paramref name="eventType"/> is null.</summary>
    /// <returns>True when something was removed.</returns>
    public bool Unsubscribe(IActorRef subscriber, Type? eventType = null)
    {
        lock (_gate)
        {
            var kept = _subscriptions
                .Where(s => !(s.Subscriber.Equals(subscriber) && (eventType is null || s.Type == eventType)))
                .ToArray();
            var removed = kept.Length != _subscriptions.Length;
            _subscriptions = kept;
            return removed;
        }
    }

    /// <summary>Tells <paramref name="evt"/> to every subscriber whose type it matches, in subscription order.</summary>
    public void Publish(object evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        foreach (var (type, subscriber) in Volatile.Read(ref _subscriptions))
        {
            if (type.IsInstanceOfType(evt)) subscriber.Tell(evt, null);
        }
    }
}
