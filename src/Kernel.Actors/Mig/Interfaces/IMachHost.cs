using System.Collections.Immutable;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig.Interfaces;

/// <summary>
/// Subsystem <c>mach_host</c> (base 2600): the host, processor-set and assignment routines the
/// machine has calls for. The spec gives only the base; the slots follow mach_host.defs' order
/// (CMU Mach 3.0 / GNU Mach). The request port differs per routine (host, processor, task, thread),
/// so each kernel object serves the routines that name it and answers the others with
/// KERN_INVALID_ARGUMENT. Generated: <c>MachHostClient</c>, <c>MachHostServer</c>.
/// </summary>
[MigSubsystem("mach_host", 2600)]
public interface IMachHost
{
    /// <summary>processor_set_default (2606): the name port of the default processor set.</summary>
    /// <param name="host">The host port.</param>
    /// <param name="defaultSet">The default set's name port.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(6)]
    KernReturn ProcessorSetDefault(PortName host, [MigPort(MsgType.MoveSend)] out PortName defaultSet);

    /// <summary>processor_set_create (2608): a new processor set: its control port and its name port.</summary>
    /// <param name="host">The host port.</param>
    /// <param name="newSet">The set's control port.</param>
    /// <param name="newName">The set's name port.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(8)]
    KernReturn ProcessorSetCreate(PortName host, [MigPort(MsgType.MoveSend)] out PortName newSet, [MigPort(MsgType.MoveSend)] out PortName newName);

    /// <summary>processor_assign (2611): moves a processor into a set.</summary>
    /// <param name="processor">The processor port.</param>
    /// <param name="newSet">The set's control port.</param>
    /// <param name="wait">Wait until the move is done.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(11)]
    KernReturn ProcessorAssign(PortName processor, PortName newSet, bool wait);

    /// <summary>task_assign (2616): moves a task (and optionally its threads) into a set.</summary>
    /// <param name="task">The task port.</param>
    /// <param name="newSet">The set's control port.</param>
    /// <param name="assignThreads">Move the task's threads too.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(16)]
    KernReturn TaskAssign(PortName task, PortName newSet, bool assignThreads);

    /// <summary>host_kernel_version (2619): the kernel's version string.</summary>
    /// <param name="host">The host port.</param>
    /// <param name="kernelVersion">The version (at most 511 bytes).</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(19)]
    KernReturn HostKernelVersion(PortName host, [MigMaxCount(511)] out string kernelVersion);

    /// <summary>thread_priority (2620): sets a thread's priority (and optionally its maximum).</summary>
    /// <param name="thread">The thread port.</param>
    /// <param name="priority">The priority.</param>
    /// <param name="setMax">Also set the maximum.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(20)]
    KernReturn ThreadPriority(PortName thread, int priority, bool setMax);

    /// <summary>task_priority (2622): sets the priority given to the task's new threads (optionally its current ones too).</summary>
    /// <param name="task">The task port.</param>
    /// <param name="priority">The priority.</param>
    /// <param name="changeThreads">Also change the existing threads.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(22)]
    KernReturn TaskPriority(PortName task, int priority, bool changeThreads);

    /// <summary>host_info (2638): one flavor of host info as int32 words, little-endian.</summary>
    /// <param name="host">The host port.</param>
    /// <param name="flavor">The flavor.</param>
    /// <param name="hostInfoCount">The most int32 words the caller accepts (CountInOut).</param>
    /// <param name="hostInfo">The info's words, 4 bytes each.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(38)]
    KernReturn HostInfo(PortName host, int flavor, int hostInfoCount, [MigMaxCount(4096)] out ImmutableArray<byte> hostInfo);
}
