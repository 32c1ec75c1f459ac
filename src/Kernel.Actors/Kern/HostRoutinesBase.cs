using System.Collections.Immutable;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Kernel.Kern;

/// <summary>
/// The mach_host routines as a kernel object that serves none of them sees them: each answers
/// KERN_INVALID_ARGUMENT (its request port names another kind of object). Each object overrides the
/// routines whose request port it is (the host: kernel version, info; a task: task_priority; a thread: thread_priority).
/// </summary>
internal abstract class HostRoutinesBase : IMachHost
{
    /// <summary>processor_set_default: not served here.</summary>
    public virtual KernReturn ProcessorSetDefault(PortName host, out PortName defaultSet)
    {
        defaultSet = default;
        return KernReturn.InvalidArgument;
    }

    /// <summary>processor_set_create: not served here.</summary>
    public virtual KernReturn ProcessorSetCreate(PortName host, out PortName newSet, out PortName newName)
    {
        newSet = newName = default;
        return KernReturn.InvalidArgument;
    }

    /// <summary>processor_assign: not served here.</summary>
    public virtual KernReturn ProcessorAssign(PortName processor, PortName newSet, bool wait) => KernReturn.InvalidArgument;

    /// <summary>task_assign: not served here.</summary>
    public virtual KernReturn TaskAssign(PortName task, PortName newSet, bool assignThreads) => KernReturn.InvalidArgument;

    /// <summary>host_kernel_version: not served here.</summary>
    public virtual KernReturn HostKernelVersion(PortName host, out string kernelVersion)
    {
        kernelVersion = "";
        return KernReturn.InvalidArgument;
    }

    /// <summary>thread_priority: not served here.</summary>
    public virtual KernReturn ThreadPriority(PortName thread, int priority, bool setMax) => KernReturn.InvalidArgument;

    /// <summary>task_priority: not served here.</summary>
    public virtual KernReturn TaskPriority(PortName task, int priority, bool changeThreads) => KernReturn.InvalidArgument;

    /// <summary>host_info: not served here.</summary>
    public virtual KernReturn HostInfo(PortName host, int flavor, int hostInfoCount, out ImmutableArray<byte> hostInfo)
    {
        hostInfo = [];
        return KernReturn.InvalidArgument;
    }
}
