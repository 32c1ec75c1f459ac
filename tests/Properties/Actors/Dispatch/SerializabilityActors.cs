using MachActors.Actors;

namespace MachActors.Tests.Properties.Actors.Dispatch;

/// <summary>A uniquely identified message with <paramref name="Ttl"/> hops left.</summary>
public sealed record Token(MsgId Id, int Ttl)
{
    /// <inheritdoc />
    public override string ToString() => $"{Id}:{Ttl}";
}

/// <summary>Logs each token it receives; if the token has hops left, sends one to each target of its current routing step.</summary>
public sealed class RoutingNode(int index, int[][] program, IActorRef[] peers, List<Token> receipts) : Actor
{
    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        if (message is not Token token) { Unhandled(message); return; }
        var handler = receipts.Count;
        receipts.Add(token);
        if (token.Ttl == 0) return;
        var targets = program[handler % program.Length];
        for (var k = 0; k < targets.Length; k++) peers[targets[k]].Tell(new Token(new MsgId(index, handler, k), token.Ttl - 1), Self);
    }
}

/// <summary>Runs a <see cref="SerializabilityWorkload"/> and returns each actor's receipts, in order.</summary>
public static class SerializabilityRun
{
    /// <summary>Runs <paramref name="workload"/> to quiescence in <paramref name="mode"/>.</summary>
    public static List<Token>[] Run(SerializabilityWorkload workload, RunMode mode)
    {
        using var system = mode.CreateSystem();
        var peers = new IActorRef[workload.Programs.Length];
        var receipts = workload.Programs.Select(_ => new List<Token>()).ToArray();
        for (var a = 0; a < peers.Length; a++)
        {
            var (index, program, log) = (a, workload.Programs[a], receipts[a]);
            peers[a] = system.Spawn(Props.Create(() => new RoutingNode(index, program, peers, log)), "a" + a);
        }
        // The host's tells are one serial step: an actor sends them all in one turn, which the parallel
        // dispatcher releases together. Tells from host code while actors already run would be outside
        // the dispatcher's guarantee (src/Actors/README.md), and a run could then be unserializable.
        var host = system.Spawn(Props.Create(() => new HostStep(workload.Host, peers)), "host");
        host.Tell(HostStep.Go, null);
        SystemAssert.RunToQuiescence(system);
        return receipts;
    }

    /// <summary>Fails unless the run's receipts are complete and serializable.</summary>
    public static void Check(SerializabilityWorkload workload, RunMode mode)
    {
        var receipts = Run(workload, mode);
        Assert.Null(workload.Incomplete(receipts));
        var graph = new PrecedenceGraph([.. receipts.Select(log => (IReadOnlyList<MsgId>)[.. log.Select(t => t.Id)])]);
        var violation = graph.Violation();
        Assert.True(violation is null, $"{mode}: {violation}\nreceipts: "
            + string.Join("\n", receipts.Select((log, a) => $"a{a}: {string.Join(' ', log)}")));
    }
}

/// <summary>Sends the workload's host tells, in order, in one turn (the "host" transaction of the precedence graph).</summary>
public sealed class HostStep(HostTell[] tells, IActorRef[] peers) : Actor
{
    /// <summary>The message that makes it send.</summary>
    public static readonly object Go = new();

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        if (!ReferenceEquals(message, Go)) { Unhandled(message); return; }
        for (var i = 0; i < tells.Length; i++) peers[tells[i].Target].Tell(new Token(new MsgId(-1, i, 0), tells[i].Ttl), Self);
    }
}
