using MachActors.Actors.Timing;

namespace MachActors.Actors;

/// <summary>Request / response from host and test code.</summary>
public static class AskExtensions
{
    /// <summary>
    /// Tells <paramref name="message"/> to <paramref name="target"/> and runs its system until a reply
    /// comes back (the returned task is then complete) or <paramref name="timeout"/> of virtual time
    /// passes (default <see cref="ActorSystemOptions.AskTimeout"/>).
    /// The task faults with <see cref="TimeoutException"/> naming the target on timeout, with the cause
    /// of a <see cref="Status.Failure"/> reply, and with <see cref="InvalidCastException"/> when the
    /// reply is not a <typeparamref name="T"/>. A <see cref="Status.Success"/> reply is unwrapped.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from inside an actor.</exception>
    /// <exception cref="ArgumentException">The target belongs to no actor system of this runtime.</exception>
    public static Task<T> Ask<T>(this IActorRef target, object message, Duration? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var system = (target as ActorRefBase)?.System
                     ?? throw new ArgumentException($"{target} does not belong to an actor system", nameof(target));
        var task = system.AskCore(target, message, timeout);
        if (task.IsFaulted) return Task.FromException<T>(task.Exception!.InnerException!);
        return task.Result is T typed
            ? Task.FromResult(typed)
            : Task.FromException<T>(new InvalidCastException(
                $"Ask to {target.Path} expected a {typeof(T).Name} but the reply was {task.Result.GetType().Name}: {task.Result}"));
    }

    /// <summary>As <see cref="Ask{T}"/>, with any reply type.</summary>
    public static Task<object> Ask(this IActorRef target, object message, Duration? timeout = null) =>
        target.Ask<object>(message, timeout);
}
