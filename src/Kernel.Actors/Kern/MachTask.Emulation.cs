namespace MachActors.Kernel.Kern;

/// <summary>The task's emulation vector (spec 4.1 "Emulation"): set and read on the task port (MachTask.Port), inherited by task_create, consulted by the system call trap.</summary>
public sealed partial class MachTask
{
    private EmulationVector _emulation = EmulationVector.Empty;

    /// <summary>
    /// EmulatedSyscall (the system call trap of one of this task's threads): answers
    /// <see cref="SyscallRedirect"/> with the handler id the vector holds for the number (0: not
    /// emulated; the caller then raises the bad-syscall exception). Other calls: false.
    /// </summary>
    private bool OnEmulationCall(object request, CallerReply reply)
    {
        if (request is not EmulatedSyscall s) return false;
        reply.Send(new SyscallRedirect(s.Number, _emulation.Lookup(s.Number)), Self);
        return true;
    }
}
