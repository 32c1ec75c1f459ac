using System.Collections.Immutable;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig.Interfaces;

/// <summary>
/// The thread routines of subsystem <c>mach</c> (base 2000) that the machine serves on a thread port
/// (the task half is <see cref="IMachTask"/>). Generated: <c>MachThreadClient</c>, <c>MachThreadServer</c>.
/// </summary>
[MigSubsystem("mach", 2000)]
public interface IMachThread
{
    /// <summary>thread_terminate (2016): ends the thread (any thread, including the caller); its port dies.</summary>
    /// <param name="targetThread">The thread.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(16)]
    KernReturn ThreadTerminate(PortName targetThread);

    /// <summary>thread_info (2019): one flavor's info (BASIC, SCHED) as int32 words, little-endian.</summary>
    /// <param name="targetThread">The thread.</param>
    /// <param name="flavor">The flavor.</param>
    /// <param name="threadInfoCount">The most int32 words the caller accepts (CountInOut).</param>
    /// <param name="threadInfo">The info's words, 4 bytes each.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(19)]
    KernReturn ThreadInfo(PortName targetThread, int flavor, int threadInfoCount, [MigMaxCount(4096)] out ImmutableArray<byte> threadInfo);

    /// <summary>thread_suspend (2062): increments the thread's suspend count.</summary>
    /// <param name="targetThread">The thread.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(62)]
    KernReturn ThreadSuspend(PortName targetThread);

    /// <summary>thread_resume (2063): decrements the suspend count (KERN_FAILURE at 0).</summary>
    /// <param name="targetThread">The thread.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(63)]
    KernReturn ThreadResume(PortName targetThread);

    /// <summary>thread_abort (2064): a wait in mach_msg or a fault returns interrupted.</summary>
    /// <param name="targetThread">The thread.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(64)]
    KernReturn ThreadAbort(PortName targetThread);

    /// <summary>thread_get_special_port (2067): a send right to the special port (KERNEL 1, EXCEPTION 3).</summary>
    /// <param name="thread">The thread.</param>
    /// <param name="whichPort">Which special port.</param>
    /// <param name="specialPort">A send right to it, or NULL.</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(67)]
    KernReturn ThreadGetSpecialPort(PortName thread, int whichPort, [MigPort(MsgType.MoveSend)] out PortName specialPort);

    /// <summary>thread_set_special_port (2068): replaces a special port with a copy of the caller's send right.</summary>
    /// <param name="thread">The thread.</param>
    /// <param name="whichPort">Which special port.</param>
    /// <param name="specialPort">The new port (NULL clears it).</param>
    /// <returns>The kernel's code.</returns>
    [MigRoutine(68)]
    KernReturn ThreadSetSpecialPort(PortName thread, int whichPort, [MigPort(MsgType.CopySend)] PortName specialPort);
}
