using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Ipc;

/// <summary>mach_port_insert_right and extract_right naming the task by a send right to its task port (spec 1.6).</summary>
public sealed class TaskPortRightsTests
{
    private static readonly PortName Given = new(0x2211);

    /// <summary>A child task with one thread that runs <paramref name="body"/> to its end; the child's port.</summary>
    private static async Task<PortName> ChildAfter(MachEnv env, ThreadBody body)
    {
        var (code, child) = await env.TaskCreate(env.TaskSelf, "child");
        Assert.Equal(KernReturn.Success, code);
        var (_, thread) = await env.ThreadCreate(child, body);
        await env.ThreadResume(thread);
        await env.CThreadJoin(thread);
        return child;
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void InsertRight_ByTheChildsPort_TheChildUsesTheRightUnderTheGivenName(DispatcherKind kind)
    {
        using var kit = new MachineKit(2, kind);
        var log = new List<string>();
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            var (_, child) = await env.TaskCreate(env.TaskSelf, "child");
            log.Add($"insert {(await env.PortInsertRight(child, Given, port, MsgType.MakeSend)).Result}");
            log.Add($"again {(await env.PortInsertRight(child, Given, port, MsgType.MakeSend)).Result}"); // same port, same name: urefs + 1
            log.Add($"taken {(await env.PortInsertRight(child, Given, await env.MachReplyPort(), MsgType.MakeSend)).Result}");
            var (_, thread) = await env.ThreadCreate(child, async e =>
            {
                var refs = (await e.PortGetRefs(Given, PortRight.Send)).Value;
                await e.Send(new MachMessage(MsgHeader.To(Given, MsgType.CopySend, 40 + refs)));
                return null;
            });
            await env.ThreadResume(thread);
            log.Add($"got {(await env.Receive(port)).Message!.Header.Id}");
            log.Add($"srights {(await env.PortGetReceiveStatus(port)).SRights}");
            log.Add($"self {(await env.PortInsertRight(env.TaskSelf, port, port, MsgType.MakeSend)).Result} {(await env.PortType(port)).Type}");
        });

        kit.RunToEnd();

        Assert.Equal(["insert Success", "again Success", "taken NameExists", "got 42", "srights 1", "self Success Send, Receive"], log);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void ExtractRight_ByTheChildsPort_TheReceiveRightMovesHere(DispatcherKind kind)
    {
        using var kit = new MachineKit(2, kind);
        var log = new List<string>();
        kit.Start(async env =>
        {
            var child = await ChildAfter(env, async e =>
            {
                await e.PortAllocateName(PortRight.Receive, Given);
                await e.PortInsertRight(Given, Given, MsgType.MakeSend);
                await e.Send(new MachMessage(MsgHeader.To(Given, MsgType.CopySend, 7)));
                return null;
            });
            var send = await env.PortExtractRight(child, Given, MsgType.CopySend);
            log.Add($"send {send.Result} {send.Arrived}");
            var moved = await env.PortExtractRight(child, Given, MsgType.MoveReceive);
            log.Add($"receive {moved.Result} {moved.Arrived} same name {moved.Name == send.Name}");
            log.Add($"queued {(await env.Receive(moved.Name)).Message!.Header.Id}");
            log.Add($"gone {(await env.PortExtractRight(child, Given, MsgType.MoveReceive)).Result}");
            log.Add($"self {(await env.PortExtractRight(env.TaskSelf, moved.Name, MsgType.MakeSendOnce)).Arrived}");
        });

        kit.RunToEnd();

        // PORT_SEND is MOVE_SEND's value (17), PORT_RECEIVE MOVE_RECEIVE's, PORT_SEND_ONCE MOVE_SEND_ONCE's.
        Assert.Equal(["send Success MoveSend", "receive Success MoveReceive same name True", "queued 7", "gone InvalidRight", "self MoveSendOnce"], log);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void InsertAndExtract_NameNotATaskPort_InvalidNameOrInvalidTaskAndNoRightLeaks(DispatcherKind kind)
    {
        using var kit = new MachineKit(2, kind);
        var log = new List<string>();
        kit.Start(async env =>
        {
            var port = await env.MachReplyPort();
            await env.PortInsertRight(port, port, MsgType.MakeSend);
            var dead = await ChildAfter(env, _ => Task.FromResult<object?>(null));
            await env.TaskTerminate(dead);
            var (_, set) = await env.ProcessorSetDefault(env.HostSelf);
            var names = new (string, PortName)[]
            {
                ("forged", new PortName(0x7777_0003)), ("null", PortName.Null), ("thread", env.ThreadSelf), ("host", env.HostSelf),
                ("set", set), ("plain", port), ("dead", dead),
            };
            foreach (var (what, name) in names)
            {
                var inserted = await env.PortInsertRight(name, Given, port, MsgType.MakeSend);
                var extracted = await env.PortExtractRight(name, port, MsgType.MakeSend);
                log.Add($"{what} {inserted.Result} {extracted.Result} {extracted.Name}");
            }
            log.Add($"srights {(await env.PortGetReceiveStatus(port)).SRights} type {(await env.PortType(port)).Type}");
        });

        kit.RunToEnd();

        Assert.Equal(["forged InvalidName InvalidName NULL", "null InvalidName InvalidName NULL", "thread InvalidTask InvalidTask NULL",
            "host InvalidTask InvalidTask NULL", "set InvalidTask InvalidTask NULL", "plain InvalidTask InvalidTask NULL",
            "dead InvalidName InvalidName NULL", "srights 1 type Send, Receive"], log);
        kit.AssertNoActorFailures();
    }
}
