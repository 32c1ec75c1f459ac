using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Kernel.Kern;

/// <summary>
/// The built-in name server (spec 8): a kernel object behind a port, serving the netname subsystem
/// over its <see cref="NameTable"/>. Every task the host starts has it as its bootstrap port and in
/// registered slot 0, and children inherit both, so programs rendezvous by name. It has no calls of
/// its own (InvalidArgument).
/// </summary>
public sealed class NameServer : KernelObject
{
    /// <summary>What netname_version reports.</summary>
    public const string Version = "MachActors netname 1.0";

    private readonly NameTable _table = new();

    /// <summary>
    /// PublishPort (host code, through the host): a send right to the port is made (counted at the port
    /// first, rule 3) and checked in under the name without a signature; answers the NetnameReturn (a
    /// refused right is released). Other calls: InvalidArgument.
    /// </summary>
    protected override void OnCall(object request, CallerReply reply)
    {
        if (request is not PublishPort p)
        {
            reply.Send(CallFailures.For(request, KernReturn.InvalidArgument), Self);
            return;
        }
        p.Port.Actor.Tell(new PortRightsChanged(1, 0, 1), Self);
        var effects = new List<IpcEffect>();
        var code = _table.CheckIn(p.Name, CarriedRight.Null, CarriedRight.Send(p.Port), effects);
        SpecialPorts.Apply(effects, Self);
        reply.Send(code, Self);
    }

    /// <summary>
    /// A netname request (1040-1043, generated <c>NetnameServer</c>): check_in takes the signature and
    /// port rights, look_up replies with a copy of the registered send right, check_out removes a name.
    /// Codes: <see cref="NetnameReturn"/>; other ids MIG_BAD_ID; a wrong shape MIG_BAD_ARGUMENTS.
    /// </summary>
    protected override void OnPortMessage(KernelPortRequest request) =>
        ServeMig(request, r => NetnameServer.Demux(r.Message, new Routines(this, r)));

    private sealed class Routines(NameServer server, KernelPortRequest request) : INetname
    {
        public NetnameReturn CheckIn(PortName serverPort, string portName, PortName signature, PortName portId)
        {
            var effects = new List<IpcEffect>();
            var code = server._table.CheckIn(portName, request.Take(signature), request.Take(portId), effects);
            SpecialPorts.Apply(effects, server.Self);
            return code;
        }

        public NetnameReturn LookUp(PortName serverPort, string hostName, string portName, out PortName portId)
        {
            var code = server._table.LookUp(hostName, portName, out var right);
            portId = code == NetnameReturn.Success ? request.GiveCopySend(right) : PortName.Null;
            return code;
        }

        public NetnameReturn CheckOut(PortName serverPort, string portName, PortName signature)
        {
            var effects = new List<IpcEffect>();
            var code = server._table.CheckOut(portName, request.Take(signature), effects);
            SpecialPorts.Apply(effects, server.Self);
            return code;
        }

        NetnameReturn INetname.Version(PortName serverPort, out string version)
        {
            version = NameServer.Version;
            return NetnameReturn.Success;
        }
    }
}
