namespace MachActors.Actors.Scheduling;

/// <summary>
/// A recorded run of the controlled dispatcher: which strategy and seed produced it, and every
/// decision in order. Hand it to <see cref="ReplayStrategy"/> to reproduce the run exactly.
/// </summary>
/// <param name="Strategy">Description of the strategy that recorded it (including its seed).</param>
/// <param name="Seed">The seed of the recording run.</param>
/// <param name="Decisions">Every decision, in the order taken.</param>
public sealed record Schedule(string Strategy, ulong Seed, IReadOnlyList<Decision> Decisions)
{
    /// <summary>The decisions in compact text form, space separated (see <see cref="Decision.ToString"/>).</summary>
    public string DecisionsText() => string.Join(' ', Decisions);

    /// <summary>Parses decisions written by <see cref="DecisionsText"/>.</summary>
    public static IReadOnlyList<Decision> ParseDecisions(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Decision.Parse).ToArray();
}
