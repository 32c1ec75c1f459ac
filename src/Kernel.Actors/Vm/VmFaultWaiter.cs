using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>A fault waiting for a page: the host answers <paramref name="ReplyTo"/> naming <paramref name="FaultId"/>.</summary>
/// <param name="ReplyTo">Who carries the fault on (the faulting task's actor).</param>
/// <param name="FaultId">The fault's id at <paramref name="ReplyTo"/>.</param>
public readonly record struct VmFaultWaiter(IActorRef ReplyTo, long FaultId);
