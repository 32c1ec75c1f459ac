using MachActors.Actors;

namespace MachActors.Tests.Properties.Actors.Dispatch;

/// <summary>An increment travelling along its relay route (<paramref name="Hop"/> relays passed).</summary>
public sealed record Add(Increment Increment, int Hop);

/// <summary>Asks a counter or the tree collector for its state.</summary>
public sealed record GetState
{
    /// <summary>The one instance.</summary>
    public static readonly GetState Instance = new();
}

/// <summary>Starts or resumes a producer.</summary>
public sealed record Produce
{
    /// <summary>The one instance.</summary>
    public static readonly Produce Instance = new();
}

/// <summary>Tells a tree node to grow <paramref name="Depth"/> more levels below position <paramref name="Position"/>.</summary>
public sealed record Build(long Position, int Depth);

/// <summary>A subtree's reply to its parent: the sum of p + 1 over its nodes, and how many there were.</summary>
public sealed record Sum(long Value, long Nodes);

/// <summary>The workload's counters and relays (filled in once spawned; read only when handling mail).</summary>
public sealed class ConfluenceTopology(int counters, int relays)
{
    /// <summary>Counter refs.</summary>
    public IActorRef[] Counters { get; } = new IActorRef[counters];

    /// <summary>Relay refs.</summary>
    public IActorRef[] Relays { get; } = new IActorRef[relays];

    /// <summary>Sends <paramref name="add"/> to its next relay, or to its counter.</summary>
    public void Forward(Add add, IActorRef sender) =>
        (add.Hop < add.Increment.Route.Length ? Relays[add.Increment.Route[add.Hop]] : Counters[add.Increment.Counter]).Tell(add, sender);
}

/// <summary>Adds up what it is sent; answers GetState with (total, count).</summary>
public sealed class Counter : Actor
{
    private long _total, _count;

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Add add: _total += add.Increment.Amount; _count++; break;
            case GetState: Sender.Tell((_total, _count), Self); break;
            default: Unhandled(message); break;
        }
    }
}

/// <summary>Passes increments on.</summary>
public sealed class Relay(ConfluenceTopology topology) : Actor
{
    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        if (message is Add add) topology.Forward(add with { Hop = add.Hop + 1 }, Self);
        else Unhandled(message);
    }
}

/// <summary>Sends its increments, ending a handler after each marked Yield.</summary>
public sealed class Producer(Increment[] increments, ConfluenceTopology topology) : Actor
{
    private int _next;

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        if (message is not Produce) { Unhandled(message); return; }
        while (_next < increments.Length)
        {
            var inc = increments[_next++];
            topology.Forward(new Add(inc, 0), Self);
            if (inc.Yield && _next < increments.Length) { Self.Tell(Produce.Instance, Self); return; }
        }
    }
}

/// <summary>
/// A tree node: adds p + 1 to counter p mod n, spawns its children, waits for their sums, replies
/// its subtree's sum to its parent and stops itself.
/// </summary>
public sealed class TreeNode(int fanout, ConfluenceTopology topology) : Actor
{
    private long _sum, _nodes;
    private int _waiting;

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Build b:
                var counter = (int)(b.Position % topology.Counters.Length);
                topology.Counters[counter].Tell(new Add(new Increment(counter, (int)b.Position + 1, [], false), 0), Self);
                (_sum, _nodes) = (b.Position + 1, 1);
                if (b.Depth == 0) { Done(); break; }
                _waiting = fanout;
                for (var i = 0; i < fanout; i++)
                {
                    Context.Spawn(Props.Create(() => new TreeNode(fanout, topology))).Tell(new Build(b.Position * fanout + i + 1, b.Depth - 1), Self);
                }
                break;
            case Sum s:
                (_sum, _nodes) = (_sum + s.Value, _nodes + s.Nodes);
                if (--_waiting == 0) Done();
                break;
            default: Unhandled(message); break;
        }
    }

    private void Done()
    {
        Context.Parent.Tell(new Sum(_sum, _nodes), Self);
        Context.Stop(Self);
    }
}

/// <summary>Parent of the tree's root: keeps the final sum.</summary>
public sealed class TreeCollector(int fanout, int depth, ConfluenceTopology topology) : Actor
{
    private Sum? _result;

    /// <inheritdoc />
    protected override void PreStart() =>
        Context.Spawn(Props.Create(() => new TreeNode(fanout, topology)), "root").Tell(new Build(0, depth), Self);

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Sum s: _result = s; break;
            case GetState: Sender.Tell(_result ?? new Sum(-1, -1), Self); break;
            default: Unhandled(message); break;
        }
    }
}

/// <summary>Runs a <see cref="ConfluenceWorkload"/> to quiescence and asks every counter and the collector for its state.</summary>
public static class ConfluenceRun
{
    /// <summary>The final state reached in <paramref name="mode"/>.</summary>
    public static ConfluenceState Run(ConfluenceWorkload workload, RunMode mode)
    {
        using var system = mode.CreateSystem();
        var topology = new ConfluenceTopology(workload.Counters, workload.Relays);
        for (var c = 0; c < workload.Counters; c++) topology.Counters[c] = system.Spawn(Props.Create<Counter>(), "c" + c);
        for (var r = 0; r < workload.Relays; r++) topology.Relays[r] = system.Spawn(Props.Create(() => new Relay(topology)), "r" + r);
        var collector = system.Spawn(Props.Create(() => new TreeCollector(workload.TreeFanout, workload.TreeDepth, topology)), "tree");
        for (var p = 0; p < workload.Producers.Length; p++)
        {
            var increments = workload.Producers[p];
            system.Spawn(Props.Create(() => new Producer(increments, topology)), "p" + p).Tell(Produce.Instance, null);
        }
        SystemAssert.RunToQuiescence(system);
        var states = topology.Counters.Select(c => c.Ask<(long Total, long Count)>(GetState.Instance).Result).ToArray();
        var tree = collector.Ask<Sum>(GetState.Instance).Result;
        Assert.Equal(0, system.DeadLetterCount);
        return new ConfluenceState([.. states.Select(s => s.Total)], [.. states.Select(s => s.Count)], tree.Value, tree.Nodes);
    }
}
