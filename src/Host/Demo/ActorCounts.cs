namespace MachActors.Host.Demo;

/// <summary>What one actor did during the demo, as counted from the trace.</summary>
internal sealed record ActorCounts
{
    /// <summary>Timer firings addressed to it.</summary>
    public long Ticks { get; set; }

    /// <summary>User messages delivered to it (timer messages excluded; see <see cref="Ticks"/>).</summary>
    public long Received { get; set; }

    /// <summary>User messages it sent.</summary>
    public long Sent { get; set; }

    /// <summary>Times its handler or a hook threw.</summary>
    public long Faults { get; set; }
}
