using MachActors.Kernel.Ipc;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>A violation seen by the IPC harness or checkers: the property (1-9) it breaks, 0 when it is a general disagreement, and what happened.</summary>
/// <param name="Property">1-9, or 0.</param>
/// <param name="Text">What was seen.</param>
public sealed record IpcViolation(int Property, string Text)
{
    /// <inheritdoc />
    public override string ToString() => $"({(Property == 0 ? "model" : Property.ToString(System.Globalization.CultureInfo.InvariantCulture))}) {Text}";
}

/// <summary>A right as the model sees it in transit: a port id and kind, DEAD, or NULL.</summary>
/// <param name="Port">The port id (null: NULL or DEAD).</param>
/// <param name="Kind">PortSend, PortSendOnce or PortReceive.</param>
/// <param name="Dead">DEAD.</param>
public readonly record struct MRight(long? Port, MsgType Kind, bool Dead = false)
{
    /// <summary>NULL.</summary>
    public static MRight Null => default;

    /// <inheritdoc />
    public override string ToString() => Port is { } p ? $"{Kind}(p{p})" : Dead ? "DEAD" : "NULL";
}

/// <summary>One name in the model's copy of a space.</summary>
internal sealed class MEntry
{
    public long? Port { get; set; }

    public PortType Type { get; set; }

    public int Urefs { get; set; }

    /// <summary>The notify port of a dead-name request on the name, or null.</summary>
    public long? DeadRequest { get; set; }

    public uint InSet { get; set; }

    public bool Has(PortType t) => (Type & t) != 0;

    public override string ToString() => $"{Type}{(Port is { } p ? " p" + p : "")} u{Urefs}{(DeadRequest is { } q ? " dnr->p" + q : "")}{(InSet != 0 ? $" in 0x{InSet:x}" : "")}";
}

/// <summary>One task in the model: its names, the ports it was ever granted a right to, and the names it gave up.</summary>
internal sealed class MTask(int index)
{
    public int Index { get; } = index;

    public SortedDictionary<uint, MEntry> Names { get; } = [];

    /// <summary>Ports the task created or received a right to (property 1: nothing else may ever appear in its space).</summary>
    public HashSet<long> Granted { get; } = [];

    /// <summary>Names the task held once and no longer does (for adversarial reuse).</summary>
    public List<uint> Gone { get; } = [];

    /// <summary>The name holding a send or receive right for <paramref name="port"/>, or null.</summary>
    public uint? Reverse(long port)
    {
        foreach (var (name, e) in Names)
        {
            if (e.Port == port && e.Has(PortType.Send | PortType.Receive) && !e.Has(PortType.PortSet)) return name;
        }
        return null;
    }
}

/// <summary>A port (or port set) in the model.</summary>
internal sealed class MPort(long id, bool isSet)
{
    public long Id { get; } = id;

    public bool IsSet { get; } = isSet;

    /// <summary>The task holding the receive right, or null (in transit, or dead).</summary>
    public int? Holder { get; set; }

    public bool Dead { get; set; }

    /// <summary>The notify port of a no-senders request, or null.</summary>
    public long? NoSenders { get; set; }

    /// <summary>The no-senders request's mscount threshold.</summary>
    public int NoSendersSync { get; set; }

    /// <summary>Send rights existed since the no-senders request was registered (a drop to 0 fires it).</summary>
    public bool NoSendersArmed { get; set; }

    /// <summary>Send rights made from the receive right since it arrived where it is.</summary>
    public int MsCount { get; set; }

    /// <summary>Send-once rights ever made for the port.</summary>
    public int SoMade { get; set; }

    /// <summary>Messages that reached the port through a send-once right.</summary>
    public int SoUsed { get; set; }
}

/// <summary>A message the model saw copied in: its destination right and the rights it carries.</summary>
internal sealed class MMsg(int id, long dest, MsgType destKind, List<MRight> carried)
{
    public int Id { get; } = id;

    public long Dest { get; } = dest;

    public MsgType DestKind { get; } = destKind;

    public List<MRight> Carried { get; } = carried;

    /// <summary>The rights as the kernel message lays them out: the reply (NULL included), then the body right, if any.</summary>
    public List<MRight> Shape { get; init; } = [];

    /// <summary>Still in transit or queued (not delivered, returned or destroyed).</summary>
    public bool Live { get; set; } = true;

    /// <summary>The send rights for <paramref name="port"/> it holds (destination and carried).</summary>
    public int SendsFor(long port) =>
        (Dest == port && DestKind == MsgType.PortSend ? 1 : 0) + Carried.Count(r => r.Port == port && r.Kind == MsgType.PortSend);
}
