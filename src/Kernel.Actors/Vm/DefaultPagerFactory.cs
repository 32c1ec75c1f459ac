using MachActors.Actors;
using MachActors.Hardware;
using MachActors.Hardware.Device;

namespace MachActors.Kernel.Vm;

/// <summary>
/// How the machine gets its default pager (the pager lives in a project above the kernel, so the
/// booting code supplies it): the props of a pager keeping swap on the disk actor <paramref name="disk"/>,
/// configured as <paramref name="swap"/>, for a machine shaped by <paramref name="config"/>. The host
/// spawns it at boot and registers it as the default memory manager.
/// </summary>
/// <param name="disk">The swap disk's hardware actor.</param>
/// <param name="swap">The swap disk's configuration (its geometry).</param>
/// <param name="config">The machine (its page size).</param>
public delegate Props DefaultPagerFactory(IActorRef disk, DiskConfig swap, MachineConfig config);
