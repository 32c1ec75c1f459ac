using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.User;

/// <summary>
/// Virtual memory: the vm_* calls on a task named by a send right (the KernelPortCall trap, as the
/// scheduling calls), and <see cref="Mem"/>, the loads and stores of the calling thread.
/// </summary>
public sealed partial class MachEnv
{
    private MachMemory? _mem;

    /// <summary>Loads and stores in this task's address space (faults are handled by the kernel; a bad access raises EXC_BAD_ACCESS).</summary>
    public MachMemory Mem => _mem ??= new MachMemory(this, _execution, Task, _services.Memory);

    /// <summary>vm_allocate: zero-filled memory at <paramref name="address"/> (or anywhere at or above it); the address it got.</summary>
    public async Task<(KernReturn Code, ulong Address)> VmAllocate(PortName task, ulong address, ulong size, bool anywhere = true)
    {
        var allocated = await PortCall<VmAllocated>(task, new VmAllocate(address, size, anywhere));
        return (allocated.Result, allocated.Address);
    }

    /// <summary>
    /// vm_map: maps <paramref name="size"/> bytes of the memory object <paramref name="memoryObject"/>
    /// (a send right to a memory object port, e.g. from netname_look_up) from <paramref name="offset"/>
    /// into the task <paramref name="task"/> names, anywhere from <paramref name="address"/> (aligned to
    /// <paramref name="mask"/> + 1) or there; <see cref="PortName.Null"/> maps anonymous memory. With
    /// <paramref name="copy"/> a copy-on-write copy is mapped. Both <paramref name="task"/> and
    /// <paramref name="memoryObject"/> are names in this task's space (Mach translates a call's port
    /// arguments in the caller's space), so a task can map an object into another task. Returns the code
    /// and the start. Codes: InvalidName (no send right here), InvalidTask (not a live task),
    /// InvalidArgument (not a memory object, unaligned offset, bad protection or inheritance), NoSpace,
    /// InvalidAddress.
    /// </summary>
    public async Task<(KernReturn Code, ulong Address)> VmMap(
        PortName task, ulong address, ulong size, ulong mask, bool anywhere, PortName memoryObject, ulong offset, bool copy,
        VmProt protection = VmProt.Read | VmProt.Write, VmProt maxProtection = VmProt.All, Vm.VmInherit inheritance = Vm.VmInherit.Copy)
    {
        var call = new VmMapCall(address, size, mask, anywhere, memoryObject, offset, copy, protection, maxProtection, inheritance);
        var mapped = memoryObject == PortName.Null
            ? await PortCall<VmMapped>(task, call)
            : await Call<VmMapped>(Task.Ref, new VmMapFor(task, call)); // the memory object is named in this task's space
        return (mapped.Result, mapped.Address);
    }

    /// <summary>
    /// memory_object_create for a task pager (docs/VM.md, "Task pagers"): a memory object whose pager is
    /// this task, served on <paramref name="pagerPort"/> (a receive right here: the kernel's
    /// memory_object calls arrive there, see <see cref="TaskPagerLoop"/>); <paramref name="key"/> comes
    /// back in memory_object_init. Returns a send right to the memory object port, for vm_map or for
    /// other tasks. Codes: InvalidName or InvalidRight (no receive right under <paramref name="pagerPort"/>).
    /// </summary>
    public async Task<(KernReturn Code, PortName MemoryObject)> MemoryObjectCreate(PortName pagerPort, long key)
    {
        var created = await Call<MemoryObjectCreated>(Task.Ref, new MemoryObjectCreateCall(pagerPort, key));
        return (created.Result, created.MemoryObject);
    }

    /// <summary>vm_deallocate: returns once no CPU can reach the memory any more.</summary>
    public Hardware.Execution.TrapAwaitable<KernReturn> VmDeallocate(PortName task, ulong address, ulong size) =>
        PortCall<KernReturn>(task, new VmDeallocate(address, size));

    /// <summary>vm_protect: the current (or maximum) protection; returns once no CPU keeps an access taken away.</summary>
    public Hardware.Execution.TrapAwaitable<KernReturn> VmProtect(PortName task, ulong address, ulong size, bool setMaximum, VmProt protection) =>
        PortCall<KernReturn>(task, new VmProtect(address, size, setMaximum, protection));

    /// <summary>vm_inherit: what a child task gets of the range.</summary>
    public Hardware.Execution.TrapAwaitable<KernReturn> VmInherit(PortName task, ulong address, ulong size, Vm.VmInherit inheritance) =>
        PortCall<KernReturn>(task, new VmInheritCall(address, size, inheritance));

    /// <summary>vm_region: the first region at or after <paramref name="address"/>.</summary>
    public async Task<(KernReturn Code, VmRegionInfo? Region)> VmRegion(PortName task, ulong address)
    {
        var reply = await PortCall<VmRegionReply>(task, new VmRegionCall(address));
        return (reply.Result, reply.Region);
    }

    /// <summary>vm_copy: the pages of [source, source + size) are copied (copy-on-write) over those at <paramref name="destination"/>, in the task <paramref name="task"/> names. Codes: InvalidArgument (unaligned), InvalidAddress (unmapped), ProtectionFailure (source unreadable or destination not writable).</summary>
    public Hardware.Execution.TrapAwaitable<KernReturn> VmCopy(PortName task, ulong source, ulong size, ulong destination) =>
        PortCall<KernReturn>(task, new VmCopyCall(source, size, destination));

    /// <summary>
    /// vm_read: a copy-on-write copy of [address, address + size) of the task <paramref name="task"/> names,
    /// mapped anywhere in this task; the address of its first byte. Codes: InvalidAddress (unmapped),
    /// ProtectionFailure (unreadable), InvalidName (no send right), InvalidTask (not a live task's port).
    /// </summary>
    public async Task<(KernReturn Code, ulong Address)> VmRead(PortName task, ulong address, ulong size)
    {
        var reply = await Call<VmReadReply>(Task.Ref, new VmReadCall(task, address, size));
        return (reply.Result, reply.Address);
    }

    /// <summary>
    /// vm_write: the pages at <paramref name="address"/> in the task <paramref name="task"/> names take a
    /// copy-on-write copy of this task's [data, data + size). Codes: InvalidArgument (unaligned),
    /// InvalidAddress (unmapped), ProtectionFailure (data unreadable or destination not writable),
    /// InvalidName, InvalidTask.
    /// </summary>
    public Hardware.Execution.TrapAwaitable<KernReturn> VmWrite(PortName task, ulong address, ulong data, ulong size) =>
        Call<KernReturn>(Task.Ref, new VmWriteCall(task, address, data, size));
}
