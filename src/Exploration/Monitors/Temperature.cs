namespace MachActors.Exploration.Monitors;

/// <summary>A monitor state's liveness meaning (Coyote's [Hot] / [Cold] / unmarked).</summary>
public enum Temperature
{
    /// <summary>Every obligation is met (resets the hot-step count).</summary>
    Cold,

    /// <summary>Neither: the hot-step count neither grows nor resets.</summary>
    Warm,

    /// <summary>An obligation is pending (the run must leave this state eventually).</summary>
    Hot,
}
