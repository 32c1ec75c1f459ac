using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>A reference to another VM object at an offset (a shadow or copy link); never owned.</summary>
/// <param name="Object">The other object's actor.</param>
/// <param name="Offset">Offset in the other object that corresponds to offset 0 of this one.</param>
public readonly record struct VmShadowLink(IActorRef Object, long Offset);
