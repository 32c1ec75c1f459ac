using MachActors.Actors;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.Kern;

/// <summary>vm_copy on a task: the pages of [Source, Source + Size) are copied (virtually) over those at <paramref name="Destination"/>. Answers a <see cref="KernReturn"/> once every CPU dropped the translations it took away.</summary>
/// <param name="Source">Page-aligned start of the source.</param>
/// <param name="Size">Page-aligned byte count.</param>
/// <param name="Destination">Page-aligned start of the destination (mapped and writable).</param>
public sealed record VmCopyCall(ulong Source, ulong Size, ulong Destination) : KernelRequest;

/// <summary>vm_read, to the calling task: a virtual copy of [Address, Address + Size) of the task <paramref name="Task"/> names, mapped anywhere in the caller. Answer: <see cref="VmReadReply"/>.</summary>
/// <param name="Task">A send right (in the caller's space) to the task to read.</param>
/// <param name="Address">Start (need not be aligned: the copy covers whole pages).</param>
/// <param name="Size">Bytes.</param>
public sealed record VmReadCall(PortName Task, ulong Address, ulong Size) : KernelRequest;

/// <summary>The answer to <see cref="VmReadCall"/>.</summary>
/// <param name="Result">Success, InvalidAddress, ProtectionFailure, NoSpace, InvalidName, InvalidTask.</param>
/// <param name="Address">Where the copy's first byte lies in the caller (0 on failure or for size 0).</param>
public sealed record VmReadReply(KernReturn Result, ulong Address);

/// <summary>vm_write, to the calling task: the pages at <paramref name="Address"/> in the task <paramref name="Task"/> names take a virtual copy of the caller's [Data, Data + Size). Answers a <see cref="KernReturn"/>.</summary>
/// <param name="Task">A send right (in the caller's space) to the task to write.</param>
/// <param name="Address">Page-aligned destination in that task (mapped and writable).</param>
/// <param name="Data">Page-aligned source in the caller (mapped and readable).</param>
/// <param name="Size">Page-aligned byte count.</param>
public sealed record VmWriteCall(PortName Task, ulong Address, ulong Data, ulong Size) : KernelRequest;

/// <summary>
/// Calling task -> the task a port names (through that port), for vm_read and vm_write: the named task
/// answers <see cref="VmTaskResolved"/> to <paramref name="Caller"/>; a dead port, an ordinary port or a
/// terminated task answers the call's failure with InvalidTask (<see cref="CallFailures"/>).
/// </summary>
/// <param name="Call">The <see cref="VmReadCall"/> or <see cref="VmWriteCall"/>.</param>
/// <param name="Caller">The calling task's object.</param>
internal sealed record VmTaskResolve(KernelRequest Call, IActorRef Caller) : KernelRequest;

/// <summary>Named task -> calling task: <paramref name="Task"/> is the task <paramref name="Call"/> names.</summary>
/// <param name="Call">The vm_read or vm_write call.</param>
/// <param name="Task">The named task's object.</param>
/// <param name="Reply">The calling thread's answer path.</param>
internal sealed record VmTaskResolved(KernelRequest Call, IActorRef Task, CallerReply Reply);

/// <summary>Calling task -> read task: copy [Address, Address + Size) in and hand the copy to <paramref name="Caller"/> (<see cref="VmCopiedIn"/>).</summary>
/// <param name="Address">Start.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Caller">The calling task's object.</param>
/// <param name="Reply">The calling thread's answer path.</param>
internal sealed record VmCopyInFor(ulong Address, ulong Size, IActorRef Caller, CallerReply Reply);

/// <summary>A task -> another: a virtual copy taken from the sender's map (after its write-protections were shot down), with the object actors the sender knows.</summary>
/// <param name="Result">The copy-in's code (on failure the copy is empty).</param>
/// <param name="Copy">The copy; its references travel with it.</param>
/// <param name="Objects">Object actors by id the sender knew (others are resolved through the resident memory).</param>
/// <param name="Reply">The calling thread's answer path.</param>
internal sealed record VmCopiedIn(KernReturn Result, VmCopy Copy, IReadOnlyDictionary<long, IActorRef> Objects, CallerReply Reply);

/// <summary>Calling task -> written task: overwrite the pages at <paramref name="Address"/> with <paramref name="Copy"/>, answering <paramref name="Reply"/>.</summary>
/// <param name="Address">Destination start.</param>
/// <param name="Copy">The copy; its references travel with it.</param>
/// <param name="Objects">Object actors by id the sender knew.</param>
/// <param name="Reply">The calling thread's answer path.</param>
internal sealed record VmOverwriteWith(ulong Address, VmCopy Copy, IReadOnlyDictionary<long, IActorRef> Objects, CallerReply Reply);
