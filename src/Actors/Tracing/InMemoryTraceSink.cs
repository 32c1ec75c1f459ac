namespace MachActors.Actors.Tracing;

/// <summary>A thread-safe trace sink that keeps every event in memory, for tests and replay checks.</summary>
public sealed class InMemoryTraceSink : ITraceSink
{
    private readonly List<TraceEvent> _events = [];
    private readonly Lock _gate = new();

    /// <summary>Events recorded so far, in arrival order (a snapshot copy).</summary>
    public IReadOnlyList<TraceEvent> Events
    {
        get { lock (_gate) return [.. _events]; }
    }

    /// <summary>Number of events recorded so far.</summary>
    public int Count
    {
        get { lock (_gate) return _events.Count; }
    }

    /// <inheritdoc />
    public void OnEvent(in TraceEvent traceEvent)
    {
        lock (_gate) _events.Add(traceEvent);
    }

    /// <summary>The events of one kind, in order.</summary>
    public IReadOnlyList<TraceEvent> OfKind(TraceKind kind)
    {
        lock (_gate) return _events.Where(e => e.Kind == kind).ToList();
    }

    /// <summary>Every event in its canonical one-line form; equal runs give equal lists.</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (_gate) return _events.Select(e => e.ToString()).ToList();
    }

    /// <summary>Forgets every recorded event.</summary>
    public void Clear()
    {
        lock (_gate) _events.Clear();
    }
}
