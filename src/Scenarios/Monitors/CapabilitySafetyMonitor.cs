using MachActors.Actors.Tracing;
using MachActors.Exploration.Monitors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Scenarios.Monitors;

/// <summary>
/// Capability safety (docs/IPC.md rule 1): a task uses only ports it was granted. The trace carries
/// ports, not names (a space's name table never leaves its actor), so the check is on ports: for each
/// task's space it collects the ports the space was observably given (a port or port set it
/// allocated, the rights in every message copied out into it or given back to it, a right inserted
/// into it or extracted by it) and who holds each receive right (the allocating space; the space a
/// moved receive right arrived in; nobody while it is in transit). Then: a thread's send
/// (<see cref="PortEnqueue"/> with a sender) must go to a port the space was given, and every right
/// it carries must be one the space was given or makes from a receive right it holds; a receive
/// (<see cref="PortReceive"/>, <see cref="SetReceive"/>) must be on a receive right the space holds
/// now or a set it allocated. Rights the kernel puts into a space without a message (its own task
/// and thread ports, the host, name-server and device ports, a new task's or thread's port named
/// by the trap that made it, special ports inherited at task_create) are not in the trace: a use
/// of a port the space was not seen to get is judged at the end, and excused when the port turned
/// out to be a kernel port (it handed a message or call to its kernel object, or a kernel object
/// made it). Not checked: a send right counts as held from its first grant on (urefs, deallocation
/// and moving the last right away are not followed), and which name a thread used (a name resolved
/// to a wrong port the space also holds is not caught).
/// </summary>
public sealed class CapabilitySafetyMonitor : SpecMonitor
{
    private readonly HashSet<int> _spaces = [];
    private readonly HashSet<(int Space, long Port)> _given = [];
    private readonly Dictionary<long, int> _receiver = []; // port -> the space holding its receive right (absent: in transit or never a space's)
    private readonly Dictionary<long, int> _mover = []; // port -> the space that last sent its receive right away
    private readonly HashSet<long> _kernelPorts = [];
    private readonly List<(int Space, long Port, string What)> _unexplained = [];

    /// <summary>Uses checked (sends, carried rights, receives).</summary>
    public long Checked { get; private set; }

    /// <summary>Learns tasks and ports from spawns (with their parents), checks what spaces send, and notes kernel ports at work.</summary>
    public override void OnEvent(in TraceEvent e)
    {
        switch (e.Kind)
        {
            case TraceKind.Spawn when e.Message is Type type:
                Spawned(e.Actor, type, (int)e.Other);
                break;
            case TraceKind.Send when _spaces.Contains(e.Actor):
                SpaceSent(e.Actor, (int)e.Other, e.Message);
                break;
            case TraceKind.Send when e.Message is KernelPortMessage or ForwardedCall:
                _kernelPorts.Add(e.Actor);
                break;
        }
        base.OnEvent(e);
    }

    /// <summary>A task's space; a port or set a space allocated (its parent; a task's or thread's kernel port has its task as parent too), or a kernel object's port.</summary>
    private void Spawned(int actor, Type type, int parent)
    {
        if (type == typeof(MachTask)) _spaces.Add(actor);
        else if (type != typeof(Port) && type != typeof(PortSet)) return;
        else if (_spaces.Contains(parent))
        {
            _given.Add((parent, actor));
            _receiver[actor] = parent;
        }
        else
        {
            _kernelPorts.Add(actor);
        }
    }

    /// <inheritdoc />
    protected override void OnDeliver(int receiver, int sender, object message)
    {
        if (!_spaces.Contains(receiver)) return;
        switch (message)
        {
            case SpaceDeliver d:
                Given(receiver, d.Message.CarriedRights());
                break;
            case SpaceSendReturned r:
                Given(receiver, r.Message.CarriedRights().Append(new CarriedRight(r.Message.Destination, r.Message.DestinationRight)));
                break;
            case InsertCarried i:
                Given(receiver, [i.Right]);
                break;
            case ExtractCarried x:
                Given(receiver, [x.Right]);
                break;
        }
    }

    private void Given(int space, IEnumerable<CarriedRight> rights)
    {
        foreach (var right in rights)
        {
            if (right.Port is not { } port) continue;
            _given.Add((space, port.Id));
            if (right.Right == MsgType.PortReceive) _receiver[port.Id] = space;
        }
    }

    private void SpaceSent(int space, int target, object? message)
    {
        switch (message)
        {
            case PortReceiveMoved:
                Checked++;
                Assert(Holds(space, target), $"space a{space} sent away the receive right of port a{target}, which it does not hold");
                _receiver.Remove(target);
                _mover[target] = space;
                break;
            case PortEnqueue { Sender: not null } pe:
                Use(space, pe.Message.Destination.Id, false, $"send of message {pe.Message.Id}");
                foreach (var right in pe.Message.CarriedRights())
                {
                    Use(space, right.Port!.Id, right.Right == MsgType.PortReceive, $"{right.Right} right carried by message {pe.Message.Id}");
                }
                break;
            case PortReceive:
                Checked++;
                Assert(Holds(space, target), $"space a{space} received on port a{target} without holding its receive right");
                break;
            case SetReceive:
                Checked++;
                Assert(Holds(space, target), $"space a{space} received on port set a{target}, which it did not allocate");
                break;
        }
    }

    private bool Holds(int space, long port) => _receiver.TryGetValue(port, out var holder) && holder == space;

    private void Use(int space, long port, bool receive, string what)
    {
        Checked++;
        var ok = receive
            ? Holds(space, port) || _mover.TryGetValue(port, out var mover) && mover == space
            : _given.Contains((space, port)) || Holds(space, port);
        if (!ok) _unexplained.Add((space, port, what));
    }

    /// <summary>Uses of ports the space was never seen to get that are not kernel ports are violations.</summary>
    public override void OnEnd()
    {
        foreach (var (space, port, what) in _unexplained)
        {
            if (_kernelPorts.Contains(port)) continue;
            Assert(false, $"space a{space} used port a{port} ({what}) without ever being given a right to it");
            return;
        }
    }
}
