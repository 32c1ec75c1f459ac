using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Tests.Unit.Mig;

/// <summary>A server for <see cref="ITestKinds"/> that records what it was called with.</summary>
internal sealed class RecordingKindsServer : ITestKinds
{
    public PortName LastTarget { get; private set; }

    public MigReplyHandle? Kept { get; private set; }

    public List<(int Value, PortName Name)> Notifications { get; } = [];

    public int Calls { get; private set; }

    public KernReturn Echo(PortName target, int i, uint u, long l, ulong ul, bool b, Colour c, Wide w, string s,
        ImmutableArray<byte> inlineBytes, ImmutableArray<byte> oolBytes, PortName port, ImmutableArray<PortName> inlinePorts,
        ImmutableArray<PortName> oolPorts, out int oi, out uint ou, out long ol, out ulong oul, out bool ob, out Colour oc,
        out Wide ow, out string os, out ImmutableArray<byte> oInlineBytes, out ImmutableArray<byte> oOolBytes, out PortName oPort,
        out ImmutableArray<PortName> oPorts)
    {
        Calls++;
        LastTarget = target;
        (oi, ou, ol, oul, ob, oc, ow, os) = (i, u, l, ul, b, c, w, s);
        (oInlineBytes, oOolBytes, oPort) = (inlineBytes, oolBytes, port);
        oPorts = inlinePorts.AddRange(oolPorts);
        return KernReturn.Success;
    }

    public KernReturn Fail(PortName target, KernReturn code, out int value)
    {
        Calls++;
        value = 77;
        return code;
    }

    public int Deferred(PortName target, MigReplyHandle reply, bool defer, string tag, out ImmutableArray<byte> data)
    {
        Calls++;
        data = [1, 2, 3];
        if (!defer) return 0;
        Kept = reply;
        return (int)MigReturn.NoReply;
    }

    public void Notify(PortName target, int value, PortName name)
    {
        Calls++;
        LastTarget = target;
        Notifications.Add((value, name));
    }

    public KernReturn Ports(PortName target, ImmutableArray<PortName> names)
    {
        Calls++;
        return names.Length == 2 ? KernReturn.Success : KernReturn.InvalidArgument;
    }
}
