using MachActors.Actors.Tracing;

namespace MachActors.Host.Runs;

/// <summary>Hands every runtime event to each of <paramref name="sinks"/> in order (each is thread-safe on its own).</summary>
/// <param name="sinks">The sinks.</param>
internal sealed class FanOutTraceSink(params ITraceSink[] sinks) : ITraceSink
{
    /// <inheritdoc />
    public void OnEvent(in TraceEvent traceEvent)
    {
        foreach (var sink in sinks) sink.OnEvent(traceEvent);
    }
}
