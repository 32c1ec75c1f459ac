namespace MachActors.Kernel.Ipc;

/// <summary>
/// A name in one task's IPC space: an integer meaningful only inside that space. Programs hold
/// names, never references; only the kernel maps a name to a port. <see cref="Null"/> (0) and
/// <see cref="Dead"/> (all bits set) are reserved and may appear where a right is expected.
/// </summary>
/// <param name="Value">The raw 32-bit name.</param>
public readonly record struct PortName(uint Value)
{
    /// <summary>MACH_PORT_NULL: no port.</summary>
    public static readonly PortName Null = new(0);

    /// <summary>MACH_PORT_DEAD: a right whose port has died.</summary>
    public static readonly PortName Dead = new(uint.MaxValue);

    /// <summary>MACH_PORT_VALID: neither NULL nor DEAD.</summary>
    public bool IsValid => Value != 0 && Value != uint.MaxValue;

    /// <summary>"0x1a03", "NULL" or "DEAD".</summary>
    public override string ToString() => Value switch
    {
        0 => "NULL",
        uint.MaxValue => "DEAD",
        _ => $"0x{Value:x}",
    };
}
