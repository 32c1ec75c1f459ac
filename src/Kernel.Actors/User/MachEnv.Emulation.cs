using System.Collections.Immutable;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.User;

/// <summary>
/// System call emulation (spec 4.1 "Emulation"; docs/UNIX.md): the system call trap, redirected by the
/// task's emulation vector back to user mode in the emulation library, and the MIG routines that set
/// and read the vector on a task port.
/// </summary>
public sealed partial class MachEnv
{
    /// <summary>
    /// The system call trap for <paramref name="number"/>. When the task's emulation vector holds a
    /// handler for it, the trap returns at once to user mode with that handler's id
    /// (<see cref="SyscallRedirect.Handler"/>): the emulation library runs it on this thread. When it does
    /// not, the thread raises EXC_SOFTWARE with code EXC_UNIX_BAD_SYSCALL (<see cref="ExceptionCodes.UnixBadSyscall"/>)
    /// and subcode the number (a UNIX server turns it into SIGSYS); if a handler answers KERN_SUCCESS the
    /// trap returns with Handler 0 and <see cref="SyscallRedirect.Raised"/> Success; with no handler the
    /// task is terminated and this never returns.
    /// </summary>
    public async Task<SyscallRedirect> Syscall(int number)
    {
        var redirect = await Call<SyscallRedirect>(Task.Ref, new EmulatedSyscall(number));
        if (redirect.IsEmulated) return redirect;
        var raised = await RaiseException(ExceptionType.Software, ExceptionCodes.UnixBadSyscall, number);
        return redirect with { Raised = raised };
    }

    /// <summary>task_set_emulation_vector (2010): numbers [<paramref name="start"/>, start + count) go to <paramref name="handlers"/> (0 clears one) in the task <paramref name="task"/> names.</summary>
    public async Task<KernReturn> TaskSetEmulationVector(PortName task, int start, ImmutableArray<int> handlers) =>
        await TaskStub.TaskSetEmulationVectorAsync(task, start, InfoWords.Pack(handlers.AsSpan()));

    /// <summary>task_get_emulation_vector (2009): the first emulated number and the handler ids from it (0 in the gaps).</summary>
    public async Task<(KernReturn Code, int Start, ImmutableArray<int> Handlers)> TaskGetEmulationVector(PortName task)
    {
        var (code, start, bytes) = await TaskStub.TaskGetEmulationVectorAsync(task);
        return (code, start, InfoWords.Unpack(bytes));
    }
}
