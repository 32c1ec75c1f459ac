using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>The external pager a VM object caches a memory object for: the pager actor and its key for the object (carried in init).</summary>
/// <param name="Pager">The pager actor.</param>
/// <param name="Key">The pager's name for the memory object.</param>
public sealed record VmExternalPager(IActorRef Pager, long Key);
