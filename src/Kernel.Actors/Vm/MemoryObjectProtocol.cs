using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Vm;

/// <summary>
/// A pager (or host code on a pager's behalf) -> <see cref="VmResident"/>: make a new memory object port
/// for the pager's object <paramref name="Key"/>. Answered with <see cref="MemoryObjectPortCreated"/>.
/// Mapping the port (vm_map) makes its VM object, which sends memory_object_init (carrying
/// <paramref name="Key"/>) and every later kernel -> pager message straight to the pager actor.
/// </summary>
/// <param name="Key">The pager's name for the object, echoed.</param>
/// <param name="Pager">The pager actor; null: the sender.</param>
public sealed record MemoryObjectPortCreate(long Key, MachActors.Actors.IActorRef? Pager = null);

/// <summary><see cref="VmResident"/> -> the asker: the new memory object port for <paramref name="Key"/> (no send rights exist yet).</summary>
/// <param name="Key">The pager's key.</param>
/// <param name="Port">The port.</param>
public sealed record MemoryObjectPortCreated(long Key, PortRef Port);
