namespace MachActors.Actors.Tracing;

/// <summary>
/// Receives every runtime event when installed through <see cref="ActorSystemOptions.Trace"/>.
/// Under the parallel dispatcher it is called from many threads at once: implementations must be
/// thread-safe. It must not call back into the actor system.
/// </summary>
public interface ITraceSink
{
    /// <summary>Records one event. Called synchronously at the point the event happens.</summary>
    void OnEvent(in TraceEvent traceEvent);
}
