namespace MachActors.Actors.Scheduling;

/// <summary>
/// A scheduling strategy broke its contract (for example it chose an actor with no mail). The run
/// stops at once: continuing would silently produce a schedule nobody chose.
/// </summary>
public sealed class SchedulingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchedulingException(string message) : base(message) { }
}
