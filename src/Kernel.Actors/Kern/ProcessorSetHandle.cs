using MachActors.Actors;

namespace MachActors.Kernel.Kern;

/// <summary>Names a processor set (its control port, in Mach). Opaque.</summary>
/// <param name="Id">The set's id; the default set is 0.</param>
/// <param name="Name">Its name.</param>
public sealed record ProcessorSetHandle(int Id, string Name)
{
    internal IActorRef Ref { get; init; } = null!;

    /// <inheritdoc />
    public override string ToString() => Name;
}
