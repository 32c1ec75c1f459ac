namespace MachActors.Kernel.Mig;

/// <summary>
/// Declares an interface as a MIG subsystem (the <c>subsystem NAME BASE;</c> line of a .defs file).
/// The source generator emits <c>{Name}Client</c> (user stubs) and <c>{Name}Server</c> (the demux and
/// reply builders) beside the interface, where {Name} is the interface's name without its leading I.
/// </summary>
/// <param name="name">The subsystem's name, as in the .defs file (e.g. "mach", "device").</param>
/// <param name="base">The first message id; routines are numbered from it.</param>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class MigSubsystemAttribute(string name, int @base) : Attribute
{
    /// <summary>The subsystem's name.</summary>
    public string Name { get; } = name;

    /// <summary>The id of the first routine slot.</summary>
    public int Base { get; } = @base;
}
