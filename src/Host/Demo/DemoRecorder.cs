using MachActors.Actors.Tracing;

namespace MachActors.Host.Demo;

/// <summary>
/// A trace sink that counts, per actor id, timer firings, user messages received and sent, and
/// faults; and, when asked, keeps every event's line. Runtime-internal messages (lifecycle,
/// supervision, timer envelopes) are not public types and are not counted as messages.
/// Thread-safe: the parallel dispatcher calls it from many threads.
/// </summary>
internal sealed class DemoRecorder(bool keepLines) : ITraceSink
{
    private static readonly System.Reflection.Assembly RuntimeAssembly = typeof(TraceEvent).Assembly;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, ActorCounts> _counts = [];
    private readonly List<string> _lines = [];

    /// <summary>Effects: updates the counts of the actor(s) involved; keeps the line when asked to.</summary>
    public void OnEvent(in TraceEvent traceEvent)
    {
        lock (_gate)
        {
            if (keepLines) _lines.Add(traceEvent.ToString());
            switch (traceEvent.Kind)
            {
                case TraceKind.Timer:
                    For(traceEvent.Actor).Ticks++;
                    break;
                case TraceKind.Deliver when IsUserMessage(traceEvent.Message):
                    For(traceEvent.Actor).Received++;
                    break;
                case TraceKind.Send when IsUserMessage(traceEvent.Message) && traceEvent.Actor != 0:
                    For(traceEvent.Actor).Sent++;
                    break;
                case TraceKind.Fault:
                    For(traceEvent.Actor).Faults++;
                    break;
            }
        }
    }

    /// <summary>The counts of actor <paramref name="id"/> so far (zeros for an actor never seen).</summary>
    public ActorCounts CountsOf(int id)
    {
        lock (_gate) return _counts.TryGetValue(id, out var c) ? c with { } : new ActorCounts();
    }

    /// <summary>Every event line kept so far, in arrival order (empty unless lines are kept).</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (_gate) return [.. _lines];
    }

    private ActorCounts For(int id)
    {
        if (!_counts.TryGetValue(id, out var c)) _counts[id] = c = new ActorCounts();
        return c;
    }

    /// <summary>
    /// True for messages actors see: anything but the runtime's own internal types (system messages
    /// and timer envelopes, which are not public).
    /// </summary>
    private static bool IsUserMessage(object? message) =>
        message is not null && (message.GetType().Assembly != RuntimeAssembly || message.GetType().IsVisible);
}
