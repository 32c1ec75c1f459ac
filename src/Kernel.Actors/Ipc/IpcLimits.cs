namespace MachActors.Kernel.Ipc;

/// <summary>The IPC system's constants (GNU Mach values unless stated).</summary>
public static class IpcLimits
{
    /// <summary>MACH_PORT_QLIMIT_DEFAULT: a new port's queue limit.</summary>
    public const int QLimitDefault = 5;

    /// <summary>MACH_PORT_QLIMIT_MAX: the largest queue limit set_qlimit accepts.</summary>
    public const int QLimitMax = 16;

    /// <summary>MACH_PORT_UREFS_MAX: the most user references one name may carry.</summary>
    public const int UrefsMax = 65535;

    /// <summary>The bytes of a message header (ILP32).</summary>
    public const int HeaderSize = 24;

    /// <summary>The largest message (header, descriptors and inline data; out-of-line regions count 4 bytes) a send accepts; larger gives SendNoBuffer.</summary>
    public const int MsgSizeMax = 64 * 1024;

    /// <summary>The largest out-of-line region one <see cref="MsgItem.Memory"/> item may carry (bigger is SendInvalidMemory).</summary>
    public const int OutOfLineMax = 16 * 1024 * 1024;
}
