using System.Text;

namespace MachActors.Tests.Properties.Actors.Dispatch;

/// <summary>
/// A message's identity: the <paramref name="K"/>-th send of handler execution
/// <paramref name="Handler"/> of actor <paramref name="Actor"/>. The host is actor -1, and each of
/// its Tells is its own "handler" (host Tells are not atomic with each other).
/// </summary>
public readonly record struct MsgId(int Actor, int Handler, int K)
{
    /// <summary>The handler execution that sent it.</summary>
    public HandlerRef Sender => new(Actor, Handler);

    /// <inheritdoc />
    public override string ToString() => $"{Sender}.{K}";
}

/// <summary>Handler execution <paramref name="Index"/> of actor <paramref name="Actor"/>: the one that handled its Index-th message.</summary>
public readonly record struct HandlerRef(int Actor, int Index)
{
    /// <inheritdoc />
    public override string ToString() => Actor < 0 ? $"host[{Index}]" : $"a{Actor}[{Index}]";
}

/// <summary>
/// Serializability of a run, from what each actor received, in order. Handler executions are the
/// nodes; an edge X → Y says X must come before Y in any serial (one handler at a time) execution
/// that produces the same receipts:
/// <list type="number">
/// <item>program order: an actor's handlers run in receipt order (the host's Tells in host order);</item>
/// <item>send → receive: the handler that sent m precedes the handler that handled m;</item>
/// <item>mailbox order: for consecutive receipts m1, m2 at one actor, m1's sender precedes m2's
/// sender (serially a mailbox holds messages in the order their senders ran). Two messages of one
/// handler must then arrive in the order it sent them.</item>
/// </list>
/// The run is serializable iff the graph is acyclic; a topological order is then a schedule the
/// controlled dispatcher can produce (deliver each handler's message when its turn comes).
/// </summary>
public sealed class PrecedenceGraph
{
    private readonly Dictionary<HandlerRef, int> _ids = [];
    private readonly List<HandlerRef> _nodes = [];
    private readonly List<List<int>> _successors = [];
    private readonly Dictionary<(int, int), string> _reasons = [];
    private readonly List<string> _fifoViolations = [];

    /// <summary>Builds the graph of a run: <paramref name="receipts"/>[a] lists what actor a received, in order.</summary>
    public PrecedenceGraph(IReadOnlyList<IReadOnlyList<MsgId>> receipts)
    {
        var hostTells = receipts.SelectMany(r => r).Where(m => m.Actor < 0).Select(m => m.Handler).DefaultIfEmpty(-1).Max();
        for (var i = 1; i <= hostTells; i++) AddEdge(new(-1, i - 1), new(-1, i), "host order");
        for (var a = 0; a < receipts.Count; a++)
        {
            var log = receipts[a];
            for (var h = 0; h < log.Count; h++)
            {
                var self = new HandlerRef(a, h);
                Node(self);
                if (h > 0) AddEdge(new(a, h - 1), self, "program order");
                AddEdge(log[h].Sender, self, $"sent {log[h]}, handled by");
                if (h == 0) continue;
                var (m1, m2) = (log[h - 1], log[h]);
                if (m1.Sender != m2.Sender) AddEdge(m1.Sender, m2.Sender, $"a{a} received {m1} just before {m2}, so");
                else if (m1.K > m2.K) _fifoViolations.Add($"a{a} received {m1} before {m2}, out of its sender's order");
            }
        }
    }

    /// <summary>Number of handler executions (nodes).</summary>
    public int Count => _nodes.Count;

    /// <summary>A serial order of all handler executions, or null when there is none (see <see cref="Violation"/>).</summary>
    public IReadOnlyList<HandlerRef>? TopologicalOrder()
    {
        var indegree = new int[_nodes.Count];
        foreach (var next in _successors.SelectMany(s => s)) indegree[next]++;
        var ready = new Queue<int>(Enumerable.Range(0, _nodes.Count).Where(n => indegree[n] == 0));
        var order = new List<HandlerRef>(_nodes.Count);
        while (ready.TryDequeue(out var n))
        {
            order.Add(_nodes[n]);
            foreach (var next in _successors[n])
            {
                if (--indegree[next] == 0) ready.Enqueue(next);
            }
        }
        return order.Count == _nodes.Count && _fifoViolations.Count == 0 ? order : null;
    }

    /// <summary>Null when the run is serializable; otherwise why not (an out-of-order pair, or a cycle with the reason for each edge).</summary>
    public string? Violation()
    {
        if (_fifoViolations.Count > 0) return "per-sender FIFO broken: " + string.Join("; ", _fifoViolations);
        return TopologicalOrder() is null ? DescribeCycle() : null;
    }

    private int Node(HandlerRef handler)
    {
        if (_ids.TryGetValue(handler, out var id)) return id;
        _ids[handler] = id = _nodes.Count;
        _nodes.Add(handler);
        _successors.Add([]);
        return id;
    }

    private void AddEdge(HandlerRef from, HandlerRef to, string reason)
    {
        var (f, t) = (Node(from), Node(to));
        if (_reasons.TryAdd((f, t), reason)) _successors[f].Add(t);
    }

    /// <summary>Finds a cycle by depth-first search (white / grey / black) and spells it out edge by edge.</summary>
    private string DescribeCycle()
    {
        var color = new byte[_nodes.Count];
        var parent = new int[_nodes.Count];
        for (var root = 0; root < _nodes.Count; root++)
        {
            if (color[root] != 0) continue;
            var stack = new Stack<(int Node, int Next)>();
            stack.Push((root, 0));
            color[root] = 1;
            while (stack.TryPop(out var top))
            {
                if (top.Next == _successors[top.Node].Count) { color[top.Node] = 2; continue; }
                stack.Push((top.Node, top.Next + 1));
                var next = _successors[top.Node][top.Next];
                if (color[next] == 1) return Spell(top.Node, next, parent);
                if (color[next] != 0) continue;
                parent[next] = top.Node;
                color[next] = 1;
                stack.Push((next, 0));
            }
        }
        return "cycle (not located)";
    }

    private string Spell(int last, int first, int[] parent)
    {
        var cycle = new List<int> { last };
        while (cycle[^1] != first) cycle.Add(parent[cycle[^1]]);
        cycle.Reverse();
        var text = new StringBuilder("not serializable, cycle: ");
        for (var i = 0; i < cycle.Count; i++)
        {
            var (from, to) = (cycle[i], cycle[(i + 1) % cycle.Count]);
            text.Append(_nodes[from]).Append(" -(").Append(_reasons[(from, to)]).Append(")-> ");
        }
        return text.Append(_nodes[first]).ToString();
    }
}
