using MachActors.Actors;
using MachActors.Actors.Timing;

namespace MachActors.Host.Demo;

/// <summary>A worker's periodic timer message.</summary>
internal sealed record Tick
{
    public static readonly Tick Instance = new();
}

/// <summary>Worker -> counter: add <paramref name="Amount"/>. Reply: <see cref="Added"/>.</summary>
internal sealed record Add(int Worker, int Amount);

/// <summary>Counter -> worker: the running total after an <see cref="Add"/>.</summary>
internal sealed record Added(long Total);

/// <summary>Host -> counter: report the total. Reply: <see cref="CounterTotal"/>.</summary>
internal sealed record GetTotal
{
    public static readonly GetTotal Instance = new();
}

/// <summary>Counter -> host: the total and how many adds made it.</summary>
internal sealed record CounterTotal(long Total, int Adds);

/// <summary>Supervisor -> worker: the peers it may greet (never includes the worker itself).</summary>
internal sealed record Introduce(IReadOnlyList<IActorRef> Peers)
{
    /// <inheritdoc />
    public override string ToString() => "Introduce(" + string.Join(", ", Peers.Select(p => p.Path.Name)) + ")";
}

/// <summary>Worker -> worker: a greeting; no reply.</summary>
internal sealed record Hello(int From);

/// <summary>Restarted worker -> supervisor: it failed with <paramref name="Reason"/> and is running again.</summary>
internal sealed record WorkerRestarted(int Worker, string Reason);

/// <summary>Host -> supervisor: report what happened. Reply: <see cref="SupervisorReport"/>.</summary>
internal sealed record GetReport
{
    public static readonly GetReport Instance = new();
}

/// <summary>What kind of thing the supervisor saw.</summary>
internal enum DemoEventKind
{
    /// <summary>A worker failed and was restarted.</summary>
    Restarted,

    /// <summary>A watched worker stopped.</summary>
    Stopped,
}

/// <summary>Something the supervisor saw, at a virtual instant.</summary>
internal sealed record DemoEvent(VirtualTime At, DemoEventKind Kind, string What);

/// <summary>Supervisor -> host: its children (stopped ones included) and the events it saw, in order.</summary>
internal sealed record SupervisorReport(IActorRef Counter, IReadOnlyList<IActorRef> Workers, IReadOnlyList<DemoEvent> Events)
{
    /// <inheritdoc />
    public override string ToString() => $"SupervisorReport({Workers.Count} workers, {Events.Count} events)";
}
