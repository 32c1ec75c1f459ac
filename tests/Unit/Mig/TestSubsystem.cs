using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Tests.Unit.Mig;

/// <summary>A test enum with a byte underlying type (travels as INTEGER_32).</summary>
public enum Colour : byte
{
    /// <summary>Red.</summary>
    Red = 1,

    /// <summary>Blue.</summary>
    Blue = 200,
}

/// <summary>A test enum with a long underlying type (travels as INTEGER_64).</summary>
public enum Wide : long
{
    /// <summary>Far.</summary>
    Far = 1L << 40,
}

/// <summary>
/// A subsystem (base 500) with every parameter kind, a skipped slot, an explicit slot, a
/// simpleroutine and a routine that may defer its reply. Ids: Echo 500, Fail 501, (502 skipped),
/// Deferred 503, Notify 510, Ports 511.
/// </summary>
[MigSubsystem("test", 500)]
public interface ITestKinds
{
    /// <summary>Echoes every kind back as an out parameter.</summary>
    [MigRoutine]
    KernReturn Echo(PortName target, int i, uint u, long l, ulong ul, bool b, Colour c, Wide w, string s,
        ImmutableArray<byte> inlineBytes, [MigOutOfLine(deallocate: true)] ImmutableArray<byte> oolBytes,
        [MigPort(MsgType.MakeSend)] PortName port, [MigPort(MsgType.CopySend)] ImmutableArray<PortName> inlinePorts,
        [MigPort(MsgType.MoveSend), MigOutOfLine] ImmutableArray<PortName> oolPorts,
        out int oi, out uint ou, out long ol, out ulong oul, out bool ob, out Colour oc, out Wide ow, out string os,
        out ImmutableArray<byte> oInlineBytes, [MigOutOfLine] out ImmutableArray<byte> oOolBytes,
        [MigPort(MsgType.MakeSendOnce)] out PortName oPort, [MigPort(MsgType.MoveSend), MigOutOfLine] out ImmutableArray<PortName> oPorts);

    /// <summary>Returns <paramref name="code"/> (nonzero: the short error reply).</summary>
    [MigRoutine]
    KernReturn Fail(PortName target, KernReturn code, out int value);

    /// <summary>Answers later when <paramref name="defer"/> is set (MIG_NO_REPLY).</summary>
    [MigSkip]
    [MigRoutine]
    int Deferred(PortName target, MigReplyHandle reply, bool defer, [MigMaxCount(4)] string tag, [MigMaxCount(3)] out ImmutableArray<byte> data);

    /// <summary>A one-way message through a send-once right.</summary>
    [MigSimpleRoutine(10)]
    void Notify([MigPort(MsgType.MoveSendOnce)] PortName target, int value, [MigPort(MsgType.PortNameOnly)] PortName name);

    /// <summary>A routine with only a bounded in array (slot after the explicit one).</summary>
    [MigRoutine]
    KernReturn Ports(PortName target, [MigMaxCount(2)] ImmutableArray<PortName> names);
}
