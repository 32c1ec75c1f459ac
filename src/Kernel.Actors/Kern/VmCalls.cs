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
