using MachActors.Actors;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.Kern;

/// <summary>vm_allocate on a task: <paramref name="Size"/> bytes of zero-fill memory at <paramref name="Address"/>, or anywhere from it. Answer: <see cref="VmAllocated"/>.</summary>
/// <param name="Address">Where (rounded down to a page), or the hint.</param>
/// <param name="Size">Bytes (rounded up to pages).</param>
/// <param name="Anywhere">Any free range at or above the hint.</param>
public sealed record VmAllocate(ulong Address, ulong Size, bool Anywhere) : KernelRequest;

/// <summary>The answer to <see cref="VmAllocate"/>.</summary>
/// <param name="Result">Success, NoSpace, InvalidAddress, InvalidArgument.</param>
/// <param name="Address">The start of the memory.</param>
public sealed record VmAllocated(KernReturn Result, ulong Address);

/// <summary>vm_deallocate: the range is unmapped (holes allowed). Answers a <see cref="KernReturn"/> once every CPU dropped its translations.</summary>
/// <param name="Address">Start.</param>
/// <param name="Size">Bytes.</param>
public sealed record VmDeallocate(ulong Address, ulong Size) : KernelRequest;

/// <summary>vm_protect: current (or maximum) protection of the range. Answers a <see cref="KernReturn"/> once every CPU dropped the access taken away.</summary>
/// <param name="Address">Start.</param>
/// <param name="Size">Bytes.</param>
/// <param name="SetMaximum">Set the maximum protection instead of the current one.</param>
/// <param name="Protection">The protection.</param>
public sealed record VmProtect(ulong Address, ulong Size, bool SetMaximum, VmProt Protection) : KernelRequest;

/// <summary>vm_inherit: what a child task gets of the range. Answers a <see cref="KernReturn"/>.</summary>
/// <param name="Address">Start.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Inheritance">Share, Copy or None.</param>
public sealed record VmInheritCall(ulong Address, ulong Size, VmInherit Inheritance) : KernelRequest;

/// <summary>vm_region: the first region at or after <paramref name="Address"/>. Answer: <see cref="VmRegionReply"/>.</summary>
/// <param name="Address">Where to look from.</param>
public sealed record VmRegionCall(ulong Address) : KernelRequest;

/// <summary>The answer to <see cref="VmRegionCall"/>.</summary>
/// <param name="Result">Success, or NoSpace past the last region.</param>
/// <param name="Region">The region.</param>
public sealed record VmRegionReply(KernReturn Result, VmRegionInfo? Region);

/// <summary>
/// vm_map on a task: <paramref name="Size"/> bytes of the memory object named by
/// <paramref name="MemoryObject"/> (a send right in the calling task's space) from <paramref name="Offset"/>,
/// or of anonymous zero-fill memory for <see cref="Ipc.PortName.Null"/>. Answer: <see cref="VmMapped"/>.
/// </summary>
/// <param name="Address">Where (rounded down to a page), or the hint.</param>
/// <param name="Size">Bytes (rounded up to pages).</param>
/// <param name="Mask">Alignment mask of the start when placed anywhere.</param>
/// <param name="Anywhere">Any free range at or above the hint.</param>
/// <param name="MemoryObject">The memory object port's name, or NULL for anonymous memory.</param>
/// <param name="Offset">Page-aligned offset in the memory object.</param>
/// <param name="Copy">Map a copy-on-write copy instead of the object itself.</param>
/// <param name="Protection">Current protection (cut to the maximum).</param>
/// <param name="MaxProtection">Maximum protection.</param>
/// <param name="Inheritance">What a child task gets.</param>
public sealed record VmMapCall(
    ulong Address, ulong Size, ulong Mask, bool Anywhere, Ipc.PortName MemoryObject, ulong Offset, bool Copy,
    VmProt Protection, VmProt MaxProtection, VmInherit Inheritance) : KernelRequest;

/// <summary>
/// vm_map as programs make it (<see cref="User.MachEnv.VmMap"/>), sent to the *calling* task: the
/// memory object is named in the caller's space (as Mach translates a call's port arguments in the
/// sender's space), the map is the task <paramref name="Task"/> names. The task is resolved first
/// (InvalidName: no send right here; InvalidTask: not a live task), then the memory object (InvalidName,
/// InvalidArgument as for <see cref="VmMapCall"/>); that task maps it. Answer: <see cref="VmMapped"/>.
/// </summary>
/// <param name="Task">The task whose map gets the mapping, named in the caller's space.</param>
/// <param name="Map">The mapping, its memory object named in the caller's space.</param>
public sealed record VmMapFor(Ipc.PortName Task, VmMapCall Map) : KernelRequest;

/// <summary>What the caller of <see cref="VmMapFor"/> asks the resident memory to resolve: <paramref name="Map"/> goes into <paramref name="Task"/>'s map.</summary>
/// <param name="Task">The mapping task's actor.</param>
/// <param name="Map">The mapping.</param>
internal sealed record VmMapInto(IActorRef Task, VmMapCall Map) : KernelRequest;

/// <summary>The answer to <see cref="VmMapCall"/>.</summary>
/// <param name="Result">Success; InvalidName (no send right), InvalidArgument (not a memory object, unaligned offset, bad protection or inheritance), NoSpace, InvalidAddress.</param>
/// <param name="Address">The start of the mapping.</param>
public sealed record VmMapped(KernReturn Result, ulong Address);

/// <summary>
/// A task -> a port named in vm_map: the kernel object behind a memory object port (the resident
/// memory) finds or makes the memory object's VM object, takes one reference on it for the caller, and
/// answers <see cref="MemoryObjectResolved"/> to <paramref name="Caller"/>; an ordinary port, a dead
/// port or another kernel object answers the call InvalidArgument.
/// </summary>
/// <param name="Call">The vm_map call.</param>
/// <param name="Caller">The calling task.</param>
internal sealed record MemoryObjectResolve(KernelRequest Call, IActorRef Caller) : KernelRequest;

/// <summary>The resident memory -> the calling task: the VM object of the memory object, with one reference held for the caller (released after it mapped).</summary>
/// <param name="Call">The vm_map call.</param>
/// <param name="ObjectId">The VM object's id.</param>
/// <param name="Object">The VM object's actor.</param>
/// <param name="Reply">Where the call's answer goes.</param>
internal sealed record MemoryObjectResolved(KernelRequest Call, long ObjectId, IActorRef Object, CallerReply Reply);
