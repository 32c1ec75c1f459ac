using MachActors.Actors.Tracing;

namespace MachActors.Host.Runs;

/// <summary>
/// A trace sink for a run with an external pager: remembers the first failure (an exception in its
/// constructor or a handler) of an actor of the pager's class, so the report can say why the pager
/// stopped; every event also goes on to <paramref name="inner"/> (the --trace recorder), if any.
/// Under the parallel dispatcher events come from several threads, hence the lock.
/// </summary>
/// <param name="pagerType">The pager's class.</param>
/// <param name="inner">The next sink, or null.</param>
internal sealed class PagerFailureSink(Type pagerType, ITraceSink? inner) : ITraceSink
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _pagers = [];
    private string? _failure;

    /// <summary>The pager's first failure ("ExceptionType: message"), or null when it never failed.</summary>
    public string? Failure
    {
        get
        {
            lock (_lock) return _failure;
        }
    }

    /// <inheritdoc />
    public void OnEvent(in TraceEvent traceEvent)
    {
        if (traceEvent.Kind == TraceKind.Spawn && ReferenceEquals(traceEvent.Message, pagerType))
        {
            lock (_lock) _pagers.Add(traceEvent.Actor);
        }
        else if (traceEvent.Kind == TraceKind.Fault)
        {
            lock (_lock)
            {
                if (_pagers.Contains(traceEvent.Actor)) _failure ??= traceEvent.Text;
            }
        }
        inner?.OnEvent(traceEvent);
    }
}
