using MachActors.Actors;
using MachActors.Actors.Tracing;
using MachActors.Tests.Properties.Actors.Dispatch;

namespace MachActors.Tests.Properties.Actors;

/// <summary>Message of a no-loss workload, at hop <paramref name="Index"/> of its route.</summary>
public sealed record Hop(int[] Route, int Index);

/// <summary>Starts or resumes a node's script.</summary>
public sealed record Proceed
{
    /// <summary>The one instance.</summary>
    public static readonly Proceed Instance = new();
}

/// <summary>
/// The ledger of a no-loss run: every Tell of the workload goes through <see cref="Tell"/>, every
/// handler counts its message, and PoisonPills taken from a mailbox are counted from the trace
/// (the runtime consumes them before any handler).
/// </summary>
public sealed class NoLossLedger : ITraceSink
{
    private long _told, _handled, _pills;

    /// <summary>The nodes by index: top-level ones set by the host, children by their parent's PreStart, all before the scripts start.</summary>
    public IActorRef[] Nodes { get; set; } = [];

    /// <summary>The system, for ActorSystem.Stop (set once created: the ledger is also its trace sink).</summary>
    public ActorSystem? System { get; set; }

    /// <summary>Messages told.</summary>
    public long Told => Interlocked.Read(ref _told);

    /// <summary>Messages handed to a handler, plus PoisonPills consumed.</summary>
    public long Delivered => Interlocked.Read(ref _handled) + Interlocked.Read(ref _pills);

    /// <summary>Counts and tells.</summary>
    public void Tell(IActorRef target, object message, IActorRef? sender)
    {
        Interlocked.Increment(ref _told);
        target.Tell(message, sender);
    }

    /// <summary>Called by every handler for its message.</summary>
    public void Handled() => Interlocked.Increment(ref _handled);

    /// <inheritdoc />
    public void OnEvent(in TraceEvent traceEvent)
    {
        if (traceEvent is { Kind: TraceKind.Deliver, Message: PoisonPill }) Interlocked.Increment(ref _pills);
    }

    /// <summary>Performs one non-pause op of a script, as the node <paramref name="self"/> (null: the host).</summary>
    public void Perform(NoLossOp op, IActorRef? self)
    {
        switch (op)
        {
            case NoLossOp.Send send: Tell(Nodes[send.Route[0]], new Hop(send.Route, 0), self); break;
            case NoLossOp.Pill pill: Tell(Nodes[pill.Node], PoisonPill.Instance, self); break;
            case NoLossOp.Stop stop: System!.Stop(Nodes[stop.Node]); break;
        }
    }
}

/// <summary>
/// Spawns its children (and records their refs in the ledger) in PreStart; runs its script (a Pause
/// ends the handler), forwards messages along their routes, and may stop itself.
/// </summary>
public sealed class NoLossNode(int index, NoLossWorkload workload, NoLossLedger ledger) : Actor
{
    private readonly NoLossOp[] _script = workload.Scripts[index];
    private readonly int _stopAfter = workload.StopAfter[index];
    private int _next, _received;

    /// <summary>Props for node <paramref name="index"/>.</summary>
    public static Props Props(int index, NoLossWorkload workload, NoLossLedger ledger) =>
        MachActors.Actors.Props.Create(() => new NoLossNode(index, workload, ledger));

    /// <inheritdoc />
    protected override void PreStart()
    {
        for (var child = index + 1; child < workload.Nodes; child++)
        {
            if (workload.Parents[child] == index) ledger.Nodes[child] = Context.Spawn(Props(child, workload, ledger), "n" + child);
        }
    }

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        ledger.Handled();
        switch (message)
        {
            case Proceed:
                while (_next < _script.Length)
                {
                    var op = _script[_next++];
                    if (op is NoLossOp.Pause)
                    {
                        if (_next < _script.Length) ledger.Tell(Self, Proceed.Instance, Self);
                        break;
                    }
                    ledger.Perform(op, Self);
                }
                break;
            case Hop hop when hop.Index + 1 < hop.Route.Length:
                ledger.Tell(ledger.Nodes[hop.Route[hop.Index + 1]], hop with { Index = hop.Index + 1 }, Self);
                break;
            case Hop:
                break;
            default:
                Unhandled(message);
                return;
        }
        if (++_received == _stopAfter) Context.Stop(Self);
    }
}

/// <summary>Runs a <see cref="NoLossWorkload"/>.</summary>
public static class NoLossRun
{
    /// <summary>Runs <paramref name="workload"/> to quiescence; returns what was told, delivered and dead-lettered.</summary>
    public static (long Told, long Delivered, long DeadLetters) Run(NoLossWorkload workload, RunMode mode)
    {
        var ledger = new NoLossLedger();
        using var system = mode.CreateSystem(ledger);
        ledger.System = system;
        ledger.Nodes = new IActorRef[workload.Nodes];
        for (var i = 0; i < workload.Nodes; i++)
        {
            if (workload.Parents[i] < 0) ledger.Nodes[i] = system.Spawn(NoLossNode.Props(i, workload, ledger), "n" + i);
        }
        SystemAssert.RunToQuiescence(system); // the children exist (their parents' PreStart made them)
        for (var i = 0; i < workload.Nodes; i++)
        {
            if (workload.Scripts[i].Length > 0) ledger.Tell(ledger.Nodes[i], Proceed.Instance, null);
        }
        foreach (var op in workload.Host)
        {
            // Under the parallel dispatcher the nodes are running meanwhile: the host's ops race with them anyway.
            if (op is NoLossOp.Pause pause) { if (!system.IsParallel) system.RunUntilQuiescent(pause.Steps); }
            else ledger.Perform(op, null);
        }
        SystemAssert.RunToQuiescence(system);
        return (ledger.Told, ledger.Delivered, system.DeadLetterCount);
    }
}
