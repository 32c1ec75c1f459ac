using System.Collections.Immutable;

namespace MachActors.Kernel.Ipc;

/// <summary>
/// Builds the notify subsystem's messages. A notification is an ordinary <see cref="KernelMessage"/>
/// sent through a send-once right (so it never blocks: <see cref="PortEnqueue"/> without a sender),
/// and rights in destroyed messages are released through here too.
/// </summary>
public static class Notifications
{
    /// <summary>A notification of <paramref name="id"/> through the send-once right <paramref name="notify"/>.</summary>
    public static KernelMessage Build(CarriedRight notify, int id, params KernelItem[] body)
    {
        var items = body.ToImmutableArray();
        var size = IpcLimits.HeaderSize;
        foreach (var item in items) size += item is KernelItem.Data d ? d.Item.Size : 8;
        return new KernelMessage(notify.Port!, MsgType.PortSendOnce, CarriedRight.Null, id, items, size);
    }

    /// <summary>A message that names <paramref name="name"/> (port-deleted, dead-name).</summary>
    public static KernelMessage NameNotification(CarriedRight notify, int id, PortName name) =>
        Build(notify, id, new KernelItem.Data(new MsgItem.Port(name, MsgType.PortNameOnly)));

    /// <summary>A no-senders notification carrying <paramref name="msCount"/>.</summary>
    public static KernelMessage NoSenders(CarriedRight notify, int msCount) =>
        Build(notify, NotifyIds.NoSenders, new KernelItem.Data(new MsgItem.Int32(msCount)));

    /// <summary>A port-destroyed notification carrying <paramref name="port"/>'s receive right.</summary>
    public static KernelMessage PortDestroyed(CarriedRight notify, PortRef port) =>
        Build(notify, NotifyIds.PortDestroyed, new KernelItem.Rights([CarriedRight.Receive(port)], MsgType.PortReceive, IsArray: false, OutOfLine: false));

    /// <summary>Sends <paramref name="message"/> through its send-once destination (a kernel send: never blocks).</summary>
    public static void Send(KernelMessage message, List<IpcEffect> effects) =>
        effects.Add(new IpcEffect.Tell(message.Destination.Actor, new PortEnqueue(message, null)));

    /// <summary>
    /// Releases one right that is being destroyed (in a destroyed message, a deallocated send-once
    /// right): a send right lowers srights; a send-once right produces its send-once notification; a
    /// receive right destroys its port. NULL and DEAD release nothing.
    /// </summary>
    public static void Release(CarriedRight right, List<IpcEffect> effects)
    {
        if (right.Port is not { } port) return;
        switch (right.Right)
        {
            case MsgType.PortSend:
                effects.Add(new IpcEffect.Tell(port.Actor, new PortRightsChanged(-1, 0, 0)));
                break;
            case MsgType.PortSendOnce:
                Send(Build(right, NotifyIds.SendOnce), effects);
                break;
            case MsgType.PortReceive:
                effects.Add(new IpcEffect.Tell(port.Actor, PortDestroyReceive.Instance));
                break;
        }
    }

    /// <summary>
    /// Releases a send-once right the kernel made and did not use, without a notification (a forced
    /// send's msg-accepted right when the message was not forced, a dead-name request cancelled by
    /// SEND_CANCEL): only sorights falls.
    /// </summary>
    public static void ReleaseQuietly(CarriedRight sendOnce, List<IpcEffect> effects)
    {
        if (sendOnce.Port is { } port) effects.Add(new IpcEffect.Tell(port.Actor, new PortRightsChanged(0, -1, 0)));
    }

    /// <summary>
    /// Releases every right <paramref name="message"/> carries besides its destination right (the
    /// destination port accounts for that), and discards its out-of-line memory (<see cref="DiscardMemory"/>).
    /// </summary>
    public static void ReleaseCarried(KernelMessage message, List<IpcEffect> effects)
    {
        foreach (var right in message.CarriedRights()) Release(right, effects);
        foreach (var item in message.Body)
        {
            if (item is KernelItem.Memory memory) DiscardMemory(memory, effects);
        }
    }

    /// <summary>
    /// Discards out-of-line memory that will never be mapped: one release per piece to the piece's
    /// object (an object whose actor the item does not name is skipped; a message that left its sender
    /// names them all). No frame is touched here: an object frees its pages when its last reference goes.
    /// </summary>
    public static void DiscardMemory(KernelItem.Memory memory, List<IpcEffect> effects)
    {
        ArgumentNullException.ThrowIfNull(memory);
        foreach (var id in memory.ObjectIds)
        {
            if (memory.Objects.TryGetValue(id, out var actor)) effects.Add(new IpcEffect.Tell(actor, Vm.ObjectRelease.Instance));
        }
    }

    /// <summary>Destroys a message outside its destination port: its carried rights and its destination right are released.</summary>
    public static void Destroy(KernelMessage message, List<IpcEffect> effects)
    {
        ReleaseCarried(message, effects);
        Release(new CarriedRight(message.Destination, message.DestinationRight), effects);
    }
}
