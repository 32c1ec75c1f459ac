namespace MachActors.Kernel.Ipc;

/// <summary>MACH_PORT_RIGHT_*: the kind of right a call such as mach_port_allocate or mod_refs names.</summary>
public enum PortRight
{
    /// <summary>A send right (urefs 1..65534 per name).</summary>
    Send = 0,

    /// <summary>The receive right (one per port; urefs always 1).</summary>
    Receive = 1,

    /// <summary>A send-once right (delivers exactly one message; urefs always 1).</summary>
    SendOnce = 2,

    /// <summary>A port set (urefs always 1).</summary>
    PortSet = 3,

    /// <summary>A dead name (urefs 1..65535).</summary>
    DeadName = 4,
}
