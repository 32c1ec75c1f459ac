namespace MachActors.Actors.Timing;

/// <summary>
/// An actor's keyed timers, in virtual time. Starting a timer under a key that is in use replaces
/// the old timer; after Cancel (or a replacement) no message from the old timer is received, even
/// one that was already queued. A single timer is active until its message is handled.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> to Self once, <paramref name="delay"/> from now.</summary>
    void StartSingleTimer(object key, object message, Duration delay);

    /// <summary>Sends <paramref name="message"/> to Self every <paramref name="interval"/>, first after one interval.</summary>
    void StartPeriodicTimer(object key, object message, Duration interval);

    /// <summary>Sends <paramref name="message"/> to Self after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, Duration initialDelay, Duration interval);

    /// <summary>Whether a timer with this key is active.</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with this key, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer of this actor.</summary>
    void CancelAll();
}
