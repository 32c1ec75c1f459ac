using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;
using MachActors.Exploration.Monitors;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.Ipc.IpcKit;

namespace MachActors.Tests.Unit.Scenarios.Monitors;

/// <summary>Hand-made trace events for the IPC monitors: actor ids are the fake ports' and spaces' ids.</summary>
internal static class MonitorTrace
{
    public static void Spawn(this SpecMonitor m, int actor, Type type, int parent) => m.OnEvent(new TraceEvent(TraceKind.Spawn, VirtualTime.Zero, 0, actor, parent, type, null));

    public static void Sent(this SpecMonitor m, int from, int to, object message) => m.OnEvent(new TraceEvent(TraceKind.Send, VirtualTime.Zero, 0, from, to, message, null));

    public static void Handed(this SpecMonitor m, int to, int from, object message) => m.OnEvent(new TraceEvent(TraceKind.Deliver, VirtualTime.Zero, 0, to, from, message, null));

    /// <summary>Sent and handed over at once.</summary>
    public static void Passed(this SpecMonitor m, int from, int to, object message)
    {
        m.Sent(from, to, message);
        m.Handed(to, from, message);
    }

    public static SendWait Sender(int space) => new(Thread(), Port(space).Actor, MachMsgOption.Send, null, false);

    public static ReceiveWait Receiver(int space) => new(Thread(), Port(space).Actor, MachMsgOption.Receive, 1024, null);

    public static PortEnqueue Enqueue(KernelMessage message, int? senderSpace) => new(message, senderSpace is { } s ? Sender(s) : null);

    public static SpaceDeliver Deliver(KernelMessage message, int space) => new(message with { Seqno = 3 }, Receiver(space), null, null);

    public static Type TaskType => typeof(MachTask);

    public static Type PortActor => typeof(MachActors.Kernel.Ipc.Port);
}
