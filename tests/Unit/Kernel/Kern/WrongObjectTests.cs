using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Kern;

/// <summary>
/// Kernel-port calls (the KernelPortCall trap) that name an object of the wrong kind: each answers the
/// failure of the call's own kind (InvalidArgument in its reply record), so the program gets a code,
/// never a reply of another type.
/// </summary>
public sealed class WrongObjectTests
{
    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void ThreadCalls_OnAHostOrSetOrNameServerOrDevicePort_AnswerInvalidArgument(DispatcherKind kind)
    {
        using var kit = new MachineKit(2, kind);
        var log = new List<string>();
        kit.Start(async env =>
        {
            var (_, set) = await env.ProcessorSetDefault(env.HostSelf);
            var nameServer = await env.NameServer();
            foreach (var (what, port) in new[] { ("host", env.HostSelf), ("set", set), ("names", nameServer), ("devices", env.DeviceMasterPort) })
            {
                var joined = await env.CThreadJoin(port);
                var (created, thread) = await env.ThreadCreate(port, _ => Task.FromResult<object?>(null));
                log.Add($"{what}: join {joined.Result}, create {created} {thread == MachActors.Kernel.Ipc.PortName.Null}");
            }
        });

        kit.RunToEnd();

        Assert.Equal(["host: join InvalidArgument, create InvalidArgument True", "set: join InvalidArgument, create InvalidArgument True",
            "names: join InvalidArgument, create InvalidArgument True", "devices: join InvalidArgument, create InvalidArgument True"], log);
        Assert.Empty(kit.Machine.Status.Faults);
        kit.AssertNoActorFailures();
    }
}
