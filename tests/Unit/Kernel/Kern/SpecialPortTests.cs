using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig.Interfaces;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Kern;

/// <summary>Special ports, registered ports and the name server, through the task and thread ports.</summary>
public sealed class SpecialPortTests
{
    [Fact]
    public void SpecialPorts_SetGetAndInheritedByChildren()
    {
        using var kit = new MachineKit();
        var log = new List<string>();
        kit.Start(async env =>
        {
            var p = await env.MachReplyPort();
            await env.PortInsertRight(p, p, MsgType.MakeSend);
            log.Add($"set bootstrap {await env.TaskSetSpecialPort(env.TaskSelf, SpecialPorts.Bootstrap, p)}");
            log.Add($"set exception {await env.TaskSetSpecialPort(env.TaskSelf, SpecialPorts.Exception, p)}");
            log.Add($"get bootstrap same {(await env.TaskGetSpecialPort(env.TaskSelf, SpecialPorts.Bootstrap)).Port == p}");
            log.Add($"get kernel self {(await env.TaskGetSpecialPort(env.TaskSelf, SpecialPorts.Kernel)).Port == env.TaskSelf}");
            var (_, child) = await env.TaskCreate(env.TaskSelf);
            log.Add($"child bootstrap {(await env.TaskGetSpecialPort(child, SpecialPorts.Bootstrap)).Port == p}");
            log.Add($"child exception {(await env.TaskGetSpecialPort(child, SpecialPorts.Exception)).Port == p}");
            log.Add($"thread exception null {(await env.ThreadGetSpecialPort(env.ThreadSelf, SpecialPorts.Exception)).Port == PortName.Null}");
            log.Add($"thread set {await env.ThreadSetSpecialPort(env.ThreadSelf, SpecialPorts.Exception, p)}");
            log.Add($"thread get {(await env.ThreadGetSpecialPort(env.ThreadSelf, SpecialPorts.Exception)).Port == p}");
            log.Add($"thread kernel {(await env.ThreadGetSpecialPort(env.ThreadSelf, SpecialPorts.Kernel)).Port == env.ThreadSelf}");
            log.Add($"thread bootstrap {(await env.ThreadGetSpecialPort(env.ThreadSelf, SpecialPorts.Bootstrap)).Code}");
            log.Add($"srights {(await env.PortGetReceiveStatus(p)).SRights}"); // ours, task bootstrap + exception, child's two, thread's
            log.Add($"clear {await env.TaskSetSpecialPort(env.TaskSelf, SpecialPorts.Exception, PortName.Null)}");
            await env.TaskTerminate(child);
            for (var i = 0; i < 20; i++) await env.Yield();
            log.Add($"srights {(await env.PortGetReceiveStatus(p)).SRights}");
        });

        kit.RunToEnd();

        Assert.Equal(["set bootstrap Success", "set exception Success", "get bootstrap same True", "get kernel self True", "child bootstrap True",
            "child exception True", "thread exception null True", "thread set Success", "thread get True", "thread kernel True",
            "thread bootstrap InvalidArgument", "srights 6", "clear Success", "srights 3"], log);
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void MachPortsRegister_AtMostFour_LookedUpAndInherited()
    {
        using var kit = new MachineKit();
        var log = new List<string>();
        kit.Start(async env =>
        {
            var (_, initial) = await env.MachPortsLookup(env.TaskSelf);
            log.Add($"slot0 is name server {initial[0] != PortName.Null && initial[0] == (await env.TaskGetSpecialPort(env.TaskSelf, SpecialPorts.Bootstrap)).Port}");
            var p = await env.MachReplyPort();
            await env.PortInsertRight(p, p, MsgType.MakeSend);
            log.Add($"five {await env.MachPortsRegister(env.TaskSelf, [p, p, p, p, p])}");
            log.Add($"two {await env.MachPortsRegister(env.TaskSelf, [initial[0], p])}");
            var (_, child) = await env.TaskCreate(env.TaskSelf);
            var (code, ports) = await env.MachPortsLookup(child);
            log.Add($"child {code} {ports.Length} {ports[0] == initial[0]} {ports[1] == p} {ports[2] == PortName.Null}");
        });

        kit.RunToEnd();

        Assert.Equal(["slot0 is name server True", "five InvalidArgument", "two Success", "child Success 4 True True True"], log);
        kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void NameServer_TwoProgramsRendezvousByName(DispatcherKind kind)
    {
        using var kit = new MachineKit(2, kind);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var checkedIn = false;
        kit.Start(async env =>
        {
            var ns = await env.NameServer();
            var service = await env.MachReplyPort();
            var signature = await env.MachReplyPort();
            await env.PortInsertRight(signature, signature, MsgType.MakeSend);
            log.Enqueue($"check in {await env.NetnameCheckIn(ns, "echo", signature, service)}");
            checkedIn = true;
            var got = await env.Receive(service);
            log.Enqueue($"server got {((MsgItem.Int32)got.Message!.Body[0]).Value}");
            log.Enqueue($"wrong signature {await env.NetnameCheckOut(ns, "echo", PortName.Null)}");
            log.Enqueue($"check out {await env.NetnameCheckOut(ns, "echo", signature)}");
        }, "server");
        kit.Start(async env =>
        {
            var ns = await env.NameServer();
            log.Enqueue($"missing {(await env.NetnameLookUp(ns, "nope")).Code}");
            log.Enqueue($"other host {(await env.NetnameLookUp(ns, "echo", "elsewhere")).Code}");
            while (!checkedIn) await env.Yield();
            var (code, port) = await env.NetnameLookUp(ns, "echo");
            log.Enqueue($"look up {code}");
            await env.Send(new MachMessage(MsgHeader.To(port, MsgType.CopySend, 7), [new MsgItem.Int32(99)]));
        }, "client");

        kit.RunToEnd();

        var lines = log.ToList();
        Assert.Contains("check in Success", lines);
        Assert.Contains("missing NotCheckedIn", lines);
        Assert.Contains("other host NoSuchHost", lines);
        Assert.Contains("look up Success", lines);
        Assert.Contains("server got 99", lines);
        Assert.Contains("wrong signature NotYours", lines);
        Assert.Contains("check out Success", lines);
        kit.AssertNoActorFailures();
    }
}
