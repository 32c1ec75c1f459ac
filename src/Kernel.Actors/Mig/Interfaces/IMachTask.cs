using System.Collections.Immutable;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig.Interfaces;

/// <summary>
/// The task routines of subsystem <c>mach</c> (base 2000) that the machine serves on a task port,
/// with the ids of spec section 3. The thread routines of the same subsystem are in
/// <see cref="IMachThread"/>: a task port and a thread port each serve their own half, so a thread
/// routine sent to a task port gets MIG_BAD_ID. Generated: <c>MachTaskClient</c>, <c>MachTaskServer</c>.
/// </summary>
[MigSubsystem("mach", 2000)]
public interface IMachTask
{
    /// <summary>task_create (2007): a child task with an empty IPC space; the caller gets a send right to its port.</summary>
    /// <param name="targetTask">The parent task.</param>
    /// <param name="inheritMemory">Build the child's address space from the parent's inheritance.</param>
    /// <param name="childTask">The child's task port (a send right).</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(7)]
    KernReturn TaskCreate(PortName targetTask, bool inheritMemory, [MigPort(MsgType.MoveSend)] out PortName childTask);

    /// <summary>task_terminate (2008): kills every thread and destroys the task's space and port.</summary>
    /// <param name="targetTask">The task.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(8)]
    KernReturn TaskTerminate(PortName targetTask);

    /// <summary>task_get_emulation_vector (2009): the first emulated system call number and the handler ids from it (int32 words, little-endian; 0 where not emulated).</summary>
    /// <param name="targetTask">The task.</param>
    /// <param name="vectorStart">The first emulated number (0 when none).</param>
    /// <param name="emulationVector">The handler ids, 4 bytes each.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(9)]
    KernReturn TaskGetEmulationVector(PortName targetTask, out int vectorStart, [MigMaxCount(4 * 1024)] out ImmutableArray<byte> emulationVector);

    /// <summary>task_set_emulation_vector (2010): numbers [vectorStart, vectorStart + count) go to the given handler ids (0 clears); inherited by task_create.</summary>
    /// <param name="targetTask">The task.</param>
    /// <param name="vectorStart">The first number set.</param>
    /// <param name="emulationVector">The handler ids as int32 words, little-endian.</param>
    /// <returns>The kernel's code (InvalidArgument for a bad range or a length that is not a multiple of 4).</returns>
    [MigRoutine(10)]
    KernReturn TaskSetEmulationVector(PortName targetTask, int vectorStart, [MigMaxCount(4 * 1024)] ImmutableArray<byte> emulationVector);

    /// <summary>task_threads (2011): send rights to every thread's port, out of line.</summary>
    /// <param name="targetTask">The task.</param>
    /// <param name="threadList">The threads' ports.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(11)]
    KernReturn TaskThreads(PortName targetTask, [MigPort(MsgType.MoveSend), MigOutOfLine(deallocate: true)] out ImmutableArray<PortName> threadList);

    /// <summary>task_info (2012): one flavor's info (BASIC, EVENTS, THREAD_TIMES) as int32 words, little-endian.</summary>
    /// <param name="targetTask">The task.</param>
    /// <param name="flavor">The flavor.</param>
    /// <param name="taskInfoCount">The most int32 words the caller accepts (CountInOut).</param>
    /// <param name="taskInfo">The info's words, 4 bytes each.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(12)]
    KernReturn TaskInfo(PortName targetTask, int flavor, int taskInfoCount, [MigMaxCount(4096)] out ImmutableArray<byte> taskInfo);

    /// <summary>mach_ports_register (2033): sets the registered ports (at most 4 send rights), inherited by children.</summary>
    /// <param name="targetTask">The task.</param>
    /// <param name="initPortSet">The send rights, out of line.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(33)]
    KernReturn MachPortsRegister(PortName targetTask, [MigPort(MsgType.CopySend), MigOutOfLine] ImmutableArray<PortName> initPortSet);

    /// <summary>mach_ports_lookup (2034): the registered ports, out of line.</summary>
    /// <param name="targetTask">The task.</param>
    /// <param name="initPortSet">Send rights to the registered ports.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(34)]
    KernReturn MachPortsLookup(PortName targetTask, [MigPort(MsgType.MoveSend), MigOutOfLine(deallocate: true)] out ImmutableArray<PortName> initPortSet);

    /// <summary>task_suspend (2056): increments the suspend count; returns once every thread is stopped.</summary>
    /// <param name="targetTask">The task.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(56)]
    KernReturn TaskSuspend(PortName targetTask);

    /// <summary>task_resume (2057): decrements the suspend count (KERN_FAILURE at 0).</summary>
    /// <param name="targetTask">The task.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(57)]
    KernReturn TaskResume(PortName targetTask);

    /// <summary>task_get_special_port (2058): a send right to the special port (KERNEL 1, EXCEPTION 3, BOOTSTRAP 4).</summary>
    /// <param name="task">The task.</param>
    /// <param name="whichPort">Which special port.</param>
    /// <param name="specialPort">A send right to it, or NULL.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(58)]
    KernReturn TaskGetSpecialPort(PortName task, int whichPort, [MigPort(MsgType.MoveSend)] out PortName specialPort);

    /// <summary>task_set_special_port (2059): replaces a special port with a copy of the caller's send right.</summary>
    /// <param name="task">The task.</param>
    /// <param name="whichPort">Which special port.</param>
    /// <param name="specialPort">The new port (NULL clears it).</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(59)]
    KernReturn TaskSetSpecialPort(PortName task, int whichPort, [MigPort(MsgType.CopySend)] PortName specialPort);

    /// <summary>thread_create (2061): a thread with no register state and suspend count 1.</summary>
    /// <param name="parentTask">The task.</param>
    /// <param name="childThread">The new thread's port (a send right).</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(61)]
    KernReturn ThreadCreate(PortName parentTask, [MigPort(MsgType.MoveSend)] out PortName childThread);
}
