namespace MachActors.Kernel.Ipc;

/// <summary>One name's entry in a space: the rights it holds, its urefs, its dead-name request, its set.</summary>
internal sealed class IpcEntry
{
    /// <summary>The port (or, for a port-set entry, the set); null for a dead name.</summary>
    public PortRef? Port { get; set; }

    /// <summary>The rights under the name: Send, Receive, SendOnce, PortSet or DeadName bits (no request flags).</summary>
    public PortType Type { get; set; }

    /// <summary>User references of the send right, or of the dead name (receive, send-once and set: 1, not stored).</summary>
    public int Urefs { get; set; }

    /// <summary>The send-once right a dead-name request registered on this name will use, or null.</summary>
    public CarriedRight? DeadNameRequest { get; set; }

    /// <summary>The port set a receive right is in (NULL when none).</summary>
    public PortName InSet { get; set; }

    public bool Has(PortType type) => (Type & type) != 0;

    /// <summary>The type mask mach_port_type reports (with the dead-name request flag).</summary>
    public PortType Reported => Type | (DeadNameRequest is null ? PortType.None : PortType.DeadNameRequest);
}
