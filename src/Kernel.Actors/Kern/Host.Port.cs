using System.Collections.Immutable;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Kernel.Kern;

/// <summary>The host port (mach_host_self) and the ports the host hands to the first tasks.</summary>
public sealed partial class Host
{
    /// <summary>The kernel version host_kernel_version reports.</summary>
    public const string KernelVersion = "MachActors Mach 3.0 (actors)";

    private PortRef _port = null!;
    private PortRef? _deviceMaster;
    private PortRef? _nameServer;
    private Actors.IActorRef _names = null!;
    private Actors.IActorRef? _pagers;

    /// <summary>
    /// A MIG request on the host port: mach_host's host_kernel_version and host_info (BASIC: max and
    /// available CPUs, memory size, cpu type and subtype 0) answer at once; the routines that name
    /// another object answer InvalidArgument; other ids MIG_BAD_ID; a wrong shape MIG_BAD_ARGUMENTS.
    /// </summary>
    protected override void OnPortMessage(KernelPortRequest request) =>
        ServeMig(request, r => MachHostServer.Demux(r.Message, new Routines(this)));

    private void CreatePorts()
    {
        var actor = Context.Spawn(Port.ForKernelObject(Self), "host-port");
        _port = new PortRef(actor.Id.Value, actor);
        var names = Context.Spawn(Actors.Props.Create(() => new NameServer()), "name-server");
        _names = names;
        var namesPort = Context.Spawn(Port.ForKernelObject(names), "name-server-port");
        _nameServer = new PortRef(namesPort.Id.Value, namesPort);
    }

    /// <summary>What a task started by the host holds: bootstrap port and registered slot 0 are the name server (counted here, made from its port).</summary>
    private SpecialPorts FirstTaskPorts()
    {
        if (_nameServer is { } ns) ns.Actor.Tell(new PortRightsChanged(2, 0, 2), Self);
        return SpecialPorts.ForFirstTask(_nameServer);
    }

    private sealed class Routines(Host host) : HostRoutinesBase
    {
        public override KernReturn HostKernelVersion(PortName hostPort, out string kernelVersion)
        {
            kernelVersion = KernelVersion;
            return KernReturn.Success;
        }

        public override KernReturn HostInfo(PortName hostPort, int flavor, int hostInfoCount, out ImmutableArray<byte> hostInfo)
        {
            hostInfo = [];
            if (flavor != InfoWords.Basic || hostInfoCount < InfoWords.HostBasicCount) return KernReturn.InvalidArgument;
            hostInfo = InfoWords.Pack([host._cpus.Count, host._cpus.Count, 0, 0, 0]);
            return KernReturn.Success;
        }
    }
}
