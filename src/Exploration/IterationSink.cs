using MachActors.Actors.Tracing;
using MachActors.Exploration.Monitors;

namespace MachActors.Exploration;

/// <summary>
/// The trace sink of one iteration (one thread: the controlled dispatcher's): it feeds the monitors,
/// collects (actor class, message class) coverage, turns an actor's fault into an unhandled-exception
/// bug and, in fair iterations, counts the steps each monitor stays hot (liveness). The first bug wins;
/// the run stops at the next scheduling point. With a recorder it also keeps every event (the log of a replay).
/// </summary>
internal sealed class IterationSink(bool fair, long threshold, InMemoryTraceSink? recorder) : ITraceSink
{
    private readonly Dictionary<int, Type> _types = [];
    private readonly List<(SpecMonitor SpecMonitor, long? HotSince)> _watched = [];
    private readonly HashSet<CoveragePair> _pairs = new(128); // sized for a machine scenario's pairs, so it never grows

    /// <summary>The first bug seen, or null.</summary>
    public Bug? Bug { get; private set; }

    /// <summary>The monitors of the iteration.</summary>
    public IEnumerable<SpecMonitor> Monitors => _watched.Select(w => w.SpecMonitor);

    /// <summary>Adds a monitor; it sees the events from now on.</summary>
    public void Watch(SpecMonitor monitor) => _watched.Add((monitor, null));

    /// <summary>Records the first bug.</summary>
    public void Report(BugKind kind, string text) => Bug ??= new Bug(kind, text);

    /// <summary>The coverage pairs (an array: an iteration's result keeps it until the report).</summary>
    public CoveragePair[] Coverage() => [.. _pairs];

    /// <inheritdoc />
    public void OnEvent(in TraceEvent e)
    {
        recorder?.OnEvent(e);
        switch (e.Kind)
        {
            case TraceKind.Spawn when e.Message is Type t:
                _types[e.Actor] = t;
                break;
            case TraceKind.Deliver when e.Message is { } m && _types.TryGetValue(e.Actor, out var actor):
                _pairs.Add(new CoveragePair(actor, m.GetType()));
                break;
            case TraceKind.Fault:
                Report(BugKind.UnhandledException, $"actor a{e.Actor} ({Describe(e.Actor)}) threw: {e.Text}");
                break;
        }
        for (var i = 0; i < _watched.Count; i++) Feed(i, e);
    }

    /// <summary>The class name of actor <paramref name="id"/>, if known.</summary>
    public string Describe(int id) => _types.TryGetValue(id, out var t) ? t.Name : "?";

    private void Feed(int index, in TraceEvent e)
    {
        var (monitor, hotSince) = _watched[index];
        try
        {
            monitor.OnEvent(e);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Report(BugKind.Safety, $"monitor {monitor.Name} threw {ex.GetType().Name}: {ex.Message}");
            return;
        }
        if (monitor.Violation is { } violation) Report(BugKind.Safety, $"{monitor.Name}: {violation}");
        switch (monitor.Temperature)
        {
            case Temperature.Hot:
                hotSince ??= e.Step;
                if (fair && threshold > 0 && e.Step - hotSince > threshold)
                {
                    Report(BugKind.Liveness, $"{monitor.Name} stayed hot for more than {threshold} steps: {monitor.HotReason}");
                }
                break;
            case Temperature.Cold:
                hotSince = null;
                break;
        }
        _watched[index] = (monitor, hotSince);
    }
}
