using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;

namespace MachActors.Tests.Unit.Kernel.Ipc;

/// <summary>The client tasks of <see cref="MachMsgTests"/>: a child task given its rights by insert_right through its task port.</summary>
public sealed partial class MachMsgTests
{
    private static readonly PortName ServerName = new(0x1234);

    /// <summary>Where <see cref="StartClient"/> puts a send right to the server's thread port, when asked.</summary>
    private static readonly PortName ServerThreadName = new(0x1334);

    /// <summary>
    /// A child task of the caller holding a send right to <paramref name="port"/> under <see cref="ServerName"/>
    /// (and, when given, one to <paramref name="serverThread"/>'s port under <see cref="ServerThreadName"/>),
    /// running <paramref name="body"/>; the name of its thread's port in the caller's space.
    /// </summary>
    private static async Task<PortName> StartClient(MachEnv env, PortName port, ThreadBody body, PortName serverThread = default)
    {
        var (_, child) = await env.TaskCreate(env.TaskSelf, "client");
        Assert.Equal(KernReturn.Success, (await env.PortInsertRight(child, ServerName, port, MsgType.MakeSend)).Result);
        if (serverThread != PortName.Null) Assert.Equal(KernReturn.Success, (await env.PortInsertRight(child, ServerThreadName, serverThread, MsgType.CopySend)).Result);
        var (_, thread) = await env.ThreadCreate(child, body, "client");
        await env.ThreadResume(thread);
        return thread;
    }
}
