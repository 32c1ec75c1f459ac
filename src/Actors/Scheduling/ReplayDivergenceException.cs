namespace MachActors.Actors.Scheduling;

/// <summary>A replayed run asked for a different decision than the recording holds: it is not the recorded run.</summary>
public sealed class ReplayDivergenceException : Exception
{
    /// <summary>Creates the exception for decision index <paramref name="index"/>.</summary>
    public ReplayDivergenceException(int index, string detail)
        : base($"replay diverged at decision {index}: {detail}") => Index = index;

    /// <summary>Index of the first decision that did not match.</summary>
    public int Index { get; }
}
