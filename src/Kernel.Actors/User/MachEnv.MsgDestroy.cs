using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.User;

/// <summary>mach_msg_destroy: releasing the rights and out-of-line memory a received message brought into this task.</summary>
public sealed partial class MachEnv
{
    /// <summary>
    /// mach_msg_destroy for a message this thread received (header reversed, rights as names here):
    /// releases the reply right the header carries (<see cref="MsgHeader.Remote"/>) and every right
    /// in the body, port items and port-array elements alike. A send or send-once right (or the dead
    /// name it became) is released with mach_port_deallocate, a receive right with
    /// mach_port_mod_refs(RECEIVE, -1), which destroys its port. NULL and DEAD names and bare names
    /// (<see cref="MsgType.PortNameOnly"/>) hold nothing. The header's local port is the right the
    /// sender used, consumed by the receive, so it is not touched. Out-of-line memory
    /// (<see cref="MsgItem.Memory"/>) was mapped here by the receive: its pages are deallocated
    /// (vm_deallocate). Out-of-line bytes (<see cref="MsgItem.Bytes"/>) are a copy the message owns,
    /// so nothing is freed for them. A message without rights or memory makes no kernel call.
    /// Returns the first failure's code, or Success.
    /// </summary>
    /// <example>
    /// <code>
    /// var got = await env.Receive(port);
    /// if (got.Message!.Header.Id != expected) await env.MachMsgDestroy(got.Message);   // nothing leaks
    /// </code>
    /// </example>
    public async Task<KernReturn> MachMsgDestroy(MachMessage received)
    {
        ArgumentNullException.ThrowIfNull(received);
        var first = await DestroyRight(received.Header.Remote, received.Header.RemoteDisposition);
        if (received.Body.IsDefault) return first;
        foreach (var item in received.Body)
        {
            switch (item)
            {
                case MsgItem.Port p:
                    first = Keep(first, await DestroyRight(p.Name, p.Disposition));
                    break;
                case MsgItem.PortArray a:
                    foreach (var name in a.Names) first = Keep(first, await DestroyRight(name, a.Disposition));
                    break;
                case MsgItem.Memory { Address: not 0, Length: > 0 } m:
                    first = Keep(first, await VmDeallocate(TaskSelf, m.Address, m.Length));
                    break;
            }
        }
        return first;
    }

    /// <summary>IMigTransport's mach_msg_destroy: <see cref="MachMsgDestroy"/>, for a reply a generated stub rejects.</summary>
    public async ValueTask DestroyAsync(MachMessage message) => await MachMsgDestroy(message);

    private async Task<KernReturn> DestroyRight(PortName name, MsgType arrived)
    {
        if (!name.IsValid) return KernReturn.Success;
        return arrived switch
        {
            MsgType.PortSend or MsgType.PortSendOnce => (await PortDeallocate(name)).Result,
            MsgType.PortReceive => (await PortModRefs(name, PortRight.Receive, -1)).Result,
            _ => KernReturn.Success,
        };
    }

    private static KernReturn Keep(KernReturn first, KernReturn next) => first != KernReturn.Success ? first : next;
}
