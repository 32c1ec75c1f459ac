using MachActors.Actors;
using MachActors.Hardware;
using MachActors.Kernel.Programs;

namespace MachActors.Kernel.Kern;

/// <summary>What every kernel object and program environment needs from the machine.</summary>
/// <param name="Host">The host object (task creation, registration).</param>
/// <param name="Config">The machine's shape.</param>
/// <param name="Programs">Programs by name.</param>
/// <param name="System">The actor system (its clock).</param>
/// <param name="Status">Counters for host code.</param>
/// <param name="HostPort">The host's kernel port (mach_host_self).</param>
/// <param name="Memory">The owner of physical memory (<see cref="Vm.VmResident"/>).</param>
/// <param name="DefaultPager">The default memory manager (anonymous memory is paged out to it), or null without swap.</param>
internal sealed record KernelServices(IActorRef Host, MachineConfig Config, ProgramRegistry Programs, ActorSystem System, MachineStatus Status, Ipc.PortRef? HostPort, IActorRef Memory, IActorRef? DefaultPager = null);
