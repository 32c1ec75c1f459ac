namespace MachActors.Kernel.Ipc;

/// <summary>MACH_PORT_TYPE_*: the bits mach_port_type reports for a name (1 &lt;&lt; (16 + right), plus request flags).</summary>
[Flags]
public enum PortType : uint
{
    /// <summary>No right (MACH_PORT_TYPE_NONE).</summary>
    None = 0,

    /// <summary>The name holds a send right.</summary>
    Send = 0x10000,

    /// <summary>The name holds the receive right.</summary>
    Receive = 0x20000,

    /// <summary>The name holds a send-once right.</summary>
    SendOnce = 0x40000,

    /// <summary>The name is a port set.</summary>
    PortSet = 0x80000,

    /// <summary>The name is a dead name.</summary>
    DeadName = 0x100000,

    /// <summary>A dead-name request is registered on the name.</summary>
    DeadNameRequest = 0x80000000,
}
