using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;

namespace MachActors.Host.Demo;

/// <summary>One actor's row in the report.</summary>
/// <param name="Id">The actor's id (as trace lines show it: a&lt;id&gt;).</param>
/// <param name="Path">Its path.</param>
/// <param name="Role">What it does in the demo.</param>
/// <param name="Counts">What it did.</param>
internal sealed record ActorRow(int Id, string Path, string Role, ActorCounts Counts);

/// <summary>Everything the demo report prints.</summary>
internal sealed record DemoOutcome
{
    /// <summary>The settings it ran with.</summary>
    public required DemoSettings Settings { get; init; }

    /// <summary>The dispatcher's description, e.g. "controlled, random(seed=1)".</summary>
    public required string Dispatcher { get; init; }

    /// <summary>Why the timed run returned.</summary>
    public required RunOutcome Outcome { get; init; }

    /// <summary>The virtual clock at the end.</summary>
    public required VirtualTime Elapsed { get; init; }

    /// <summary>What the supervisor saw, in order.</summary>
    public required IReadOnlyList<DemoEvent> Events { get; init; }

    /// <summary>The counter's final total and number of adds.</summary>
    public required CounterTotal Total { get; init; }

    /// <summary>One row per demo actor, in spawn order.</summary>
    public required IReadOnlyList<ActorRow> Actors { get; init; }

    /// <summary>Messages (and early timer firings) processed.</summary>
    public required long Steps { get; init; }

    /// <summary>Messages that reached no actor.</summary>
    public required long DeadLetters { get; init; }

    /// <summary>Handler or hook failures.</summary>
    public required long Failures { get; init; }

    /// <summary>Restarts the supervisor performed.</summary>
    public required int Restarts { get; init; }

    /// <summary>Failures nobody supervised (a non-zero count makes the command fail).</summary>
    public required int UnhandledFailures { get; init; }

    /// <summary>Scheduling decisions recorded (controlled dispatcher), or null (parallel).</summary>
    public required int? Decisions { get; init; }

    /// <summary>Every trace line, when tracing was asked for; otherwise empty.</summary>
    public required IReadOnlyList<string> TraceLines { get; init; }
}
