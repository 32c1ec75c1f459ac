using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Tests.Unit.Kernel.Kern;

namespace MachActors.Tests.Unit.Kernel.Ipc;

/// <summary>Helpers for the IPC state classes: fake ports and spaces, callers, messages, and effect readers.</summary>
internal static class IpcKit
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, FakeRef> Refs = new();

    /// <summary>Fake port <paramref name="id"/> (the same ref each time, so effects can be matched by target).</summary>
    public static PortRef Port(int id) => new(id, Refs.GetOrAdd(id, i => new FakeRef("port" + i, i)));

    public static IpcSpace Space(int id = 900) => new(new FakeRef("space" + id, id));

    public static CallerReply Thread(long thread = 7, long call = 1) =>
        new(new FakeRef("cpu", 800), call, thread, new FakeRef("pset", 801));

    public static CallerReply HostCall() => new(new FakeRef("host", 802), null, null, null);

    /// <summary>A receive right for a fresh fake port <paramref name="id"/> in <paramref name="space"/>.</summary>
    public static PortName Receive(IpcSpace space, int id)
    {
        Assert.Equal(KernReturn.Success, space.Allocate(PortRight.Receive, Port(id), out var name));
        return name;
    }

    /// <summary>A receive right with a send right (urefs <paramref name="urefs"/>) under the same name; effects are dropped.</summary>
    public static PortName ReceiveAndSend(IpcSpace space, int id, int urefs = 1)
    {
        var name = Receive(space, id);
        Assert.Equal(KernReturn.Success, space.InsertRight(name, CarriedRight.Send(Port(id))));
        if (urefs > 1) Assert.Equal(KernReturn.Success, space.ModRefs(name, PortRight.Send, urefs - 1));
        space.TakeEffects();
        return name;
    }

    /// <summary>A send right to port <paramref name="id"/> arriving in <paramref name="space"/> (as from a message); effects dropped.</summary>
    public static PortName SendRight(IpcSpace space, int id)
    {
        var name = space.CopyoutRight(CarriedRight.Send(Port(id)));
        space.TakeEffects();
        return name;
    }

    public static MachMessage Msg(PortName remote, MsgType disposition, int id = 100, PortName? local = null, MsgType localDisposition = MsgType.None, params MsgItem[] body) =>
        new(new MsgHeader(remote, disposition, local ?? PortName.Null, localDisposition, id), body.ToImmutableArray());

    public static KernelMessage KMsg(PortRef dest, int id = 100, MsgType right = MsgType.PortSend, CarriedRight reply = default, params KernelItem[] body) =>
        new(dest, right, reply, id, body.ToImmutableArray(), IpcLimits.HeaderSize + 8 * body.Length);

    /// <summary>The messages of the Tell effects, with their targets.</summary>
    public static List<(IActorRef To, object Message)> Tells(IReadOnlyList<IpcEffect> effects) =>
        effects.OfType<IpcEffect.Tell>().Select(t => (t.To, t.Message)).ToList();

    /// <summary>The messages told to <paramref name="port"/>.</summary>
    public static List<object> To(IReadOnlyList<IpcEffect> effects, PortRef port) =>
        effects.OfType<IpcEffect.Tell>().Where(t => t.To.Equals(port.Actor)).Select(t => t.Message).ToList();

    /// <summary>The notifications (kernel sends) in the effects, as (destination port id, msgh_id).</summary>
    public static List<(long Port, int Id)> Notes(IReadOnlyList<IpcEffect> effects) =>
        effects.OfType<IpcEffect.Tell>().Select(t => t.Message).OfType<PortEnqueue>()
            .Where(e => e.Sender is null).Select(e => (e.Message.Destination.Id, e.Message.Id)).ToList();
}
