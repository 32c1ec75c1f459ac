namespace MachActors.Actors.Dispatch;

/// <summary>Why a Run call returned.</summary>
public enum RunOutcome
{
    /// <summary>The run's condition became true.</summary>
    ConditionMet,

    /// <summary>Nothing is left to deliver and no timer is pending: nothing can ever happen again without outside input.</summary>
    Quiescent,

    /// <summary>Virtual time reached the run's deadline (the clock now reads the deadline).</summary>
    DeadlineReached,

    /// <summary>The run took its maximum number of steps (a livelock, or a budget too small).</summary>
    StepLimitReached,
}
