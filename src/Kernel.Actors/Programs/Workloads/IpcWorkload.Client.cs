using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;
using static MachActors.Kernel.Programs.Workloads.WorkloadChecks;

namespace MachActors.Kernel.Programs.Workloads;

/// <summary>The client side of the <c>ipc</c> workload.</summary>
public static partial class IpcWorkload
{
    /// <summary>
    /// One client (its task's only thread): looks the service up, asks for its dead-name notification,
    /// registers a callback right, makes RPCs, sends a burst and says goodbye; then checks the count the
    /// server sends back, the dead-name notification and the dead name. Returns its number when every
    /// answer was right (it throws otherwise).
    /// </summary>
    private static async Task<object?> ClientMain(MachEnv env, int id)
    {
        var (found, bootstrap) = await env.TaskGetSpecialPort(env.TaskSelf, SpecialPorts.Bootstrap);
        Expect(found, "client: task_get_special_port(BOOTSTRAP)");
        var (code, service) = await env.NetnameLookUp(bootstrap, ServiceName);
        CheckNetname(code, "client: netname_look_up");
        var notify = await env.MachReplyPort();
        Expect((await env.PortRequestNotification(service, NotifyIds.DeadName, 0, notify)).Result, "client: dead-name request");

        var callback = await env.MachReplyPort();
        CheckSent(await env.Send(new MachMessage(MsgHeader.To(service, MsgType.CopySend, RegisterId),
            [new MsgItem.Int32(id), new MsgItem.Port(callback, MsgType.MakeSend)])), "client: register");

        var reply = await env.MachReplyPort();
        for (var i = 0; i < Rpcs; i++)
        {
            var request = new MachMessage(new MsgHeader(service, MsgType.CopySend, reply, MsgType.MakeSendOnce, AddId),
                [new MsgItem.Int32(id), new MsgItem.Int32(100 * id), new MsgItem.Int32(i)]);
            var answer = await env.Rpc(request, reply);
            CheckReceived(answer, "client: RPC");
            Check(answer.Message!.Header.Id == AddReply && IntAt(answer.Message, 0) == 100 * id + i,
                Inv($"client {id}: RPC {i} answered id {answer.Message.Header.Id}, expected {AddReply} with {100 * id + i}"));
        }

        for (var n = 0; n < Burst; n++)
        {
            CheckSent(await env.Send(new MachMessage(MsgHeader.To(service, MsgType.CopySend, NoteId), [new MsgItem.Int32(id), new MsgItem.Int32(n)])), "client: note");
        }
        CheckSent(await env.Send(new MachMessage(MsgHeader.To(service, MsgType.CopySend, ByeId), [new MsgItem.Int32(id)])), "client: bye");

        var back = await env.Receive(callback);
        CheckReceived(back, "client: callback receive");
        Check(back.Message!.Header.Id == CallbackId && IntAt(back.Message, 0) == Burst,
            Inv($"client {id}: the server counted {IntAt(back.Message, 0)} notes, expected {Burst}"));

        var death = await env.Receive(notify);
        CheckReceived(death, "client: notification receive");
        Check(death.Message!.Header.Id == NotifyIds.DeadName && death.Message.Body.Length == 1 && death.Message.Body[0] is MsgItem.Port { Name: var dead } && dead == service,
            Inv($"client {id}: expected a dead-name notification for {service}, got id {death.Message.Header.Id}"));
        var type = await env.PortType(service);
        Check(type.Result == KernReturn.Success && (type.Type & PortType.DeadName) != 0, Inv($"client {id}: {service} is {type.Type}, not a dead name"));
        var late = await env.Send(new MachMessage(MsgHeader.To(service, MsgType.CopySend, NoteId), [new MsgItem.Int32(id), new MsgItem.Int32(Burst)]));
        Check(late.Return == MachMsgReturn.SendInvalidDest, Inv($"client {id}: a send to the dead name returned {late.Return}"));

        Expect((await env.PortDeallocate(service)).Result, "client: deallocate the dead name");
        foreach (var port in (PortName[])[reply, callback, notify]) Expect((await env.PortDestroy(port)).Result, "client: mach_port_destroy");
        return id;
    }
}
