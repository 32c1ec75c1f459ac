using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;

namespace MachActors.Actors;

/// <summary>
/// Driving the system from host code. Under the controlled dispatcher nothing happens between Run
/// calls; under the parallel one actors process mail on their own, but virtual time only moves
/// inside a Run call. Never call these from inside an actor.
/// </summary>
public sealed partial class ActorSystem
{
    /// <summary>Runs until nothing is left to deliver and no timer is pending (Quiescent), or the step budget runs out.</summary>
    public RunResult RunUntilQuiescent(long? maxSteps = null) =>
        Dispatcher.Run(null, VirtualTime.Never, maxSteps ?? Options.MaxStepsPerRun);

    /// <summary>
    /// Runs until <paramref name="condition"/> holds (checked before every step), until
    /// <paramref name="within"/> of virtual time has passed, until nothing more can happen, or until
    /// the step budget runs out. The condition must be cheap and must not touch actor state under the
    /// parallel dispatcher (it runs on the host thread).
    /// </summary>
    public RunResult RunUntil(Func<bool> condition, Duration? within = null, long? maxSteps = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Dispatcher.Run(condition, within is { } w ? Now + w : VirtualTime.Never, maxSteps ?? Options.MaxStepsPerRun);
    }

    /// <summary>Runs for <paramref name="duration"/> of virtual time: the clock reads start + duration afterwards (unless the step budget ran out).</summary>
    public RunResult RunFor(Duration duration, long? maxSteps = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(duration.Nanoseconds, nameof(duration));
        return Dispatcher.Run(null, Now + duration, maxSteps ?? Options.MaxStepsPerRun);
    }

    /// <summary>Delivers everything that is due at the current instant, without advancing the clock.</summary>
    public RunResult RunUntilIdle(long? maxSteps = null) => Dispatcher.Run(null, Now, maxSteps ?? Options.MaxStepsPerRun);

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="target"/> with a temporary sender and runs
    /// the system until the reply arrives or <paramref name="timeout"/> of virtual time passes.
    /// </summary>
    internal Task<object> AskCore(IActorRef target, object message, Duration? timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (ActorCell.Current is not null)
        {
            throw new InvalidOperationException(
                "Ask is for host and test code: inside an actor, Tell the request and handle the reply as a message");
        }
        var wait = timeout ?? Options.AskTimeout;
        var promise = new PromiseActorRef(this, target);
        target.Tell(message, promise);
        Dispatcher.Run(() => promise.IsCompleted, Now + wait, Options.MaxStepsPerRun);
        if (promise.TryExpire())
        {
            return Task.FromException<object>(new TimeoutException(
                $"Ask to {target.Path} timed out after {wait} of virtual time (message: {message.GetType().Name})"));
        }
        return promise.Reply switch
        {
            Status.Failure failure => Task.FromException<object>(failure.Cause),
            Status.Success success when success.Value is not null => Task.FromResult(success.Value),
            { } reply => Task.FromResult(reply),
            null => Task.FromException<object>(new InvalidOperationException($"Ask to {target.Path} completed without a reply")),
        };
    }
}
