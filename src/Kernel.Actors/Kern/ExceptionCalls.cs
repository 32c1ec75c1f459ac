using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;

namespace MachActors.Kernel.Kern;

// Exception delivery (spec section 6, docs/IPC.md "Exceptions"): the call a faulting thread makes on
// its own thread object, what the report says about each handler tried, and the thread object's
// question to its task for the task's exception port.

/// <summary>
/// A thread raises <paramref name="Exception"/>: it stops (parked, no CPU time) while the kernel offers
/// exception_raise to its thread's, then its task's, exception port. Reply: KernReturn.Success when a
/// handler answered KERN_SUCCESS, Aborted when thread_abort ended the wait; with no handler that
/// accepts, the task is terminated and the call never returns. Sent by the thread itself (a trap):
/// <c>MachEnv.RaiseException</c>, or the kernel's hook when its program fails (<paramref name="Thrown"/>).
/// </summary>
/// <param name="Exception">Type, code and subcode.</param>
/// <param name="Thrown">What the program threw, when the exception comes from a failure (null for an explicit raise).</param>
public sealed record RaiseException(MachException Exception, Exception? Thrown = null) : KernelRequest;

/// <summary>One handler the kernel tried for an exception, for the report.</summary>
/// <param name="Level">The thread's or the task's exception port.</param>
/// <param name="HadPort">False when the slot held no right (nothing was sent).</param>
/// <param name="Result">The outcome: the handler's RetCode, or MIG_SERVER_DIED (-308) when the request was destroyed (its send-once notification came back), or a MIG code for a malformed reply.</param>
public sealed record ExceptionAttempt(ExceptionLevel Level, bool HadPort, int Result)
{
    /// <summary>"thread port: none", "task port: KERN_FAILURE (5)", "thread port: MIG_SERVER_DIED (-308)".</summary>
    public override string ToString()
    {
        var where = Level == ExceptionLevel.Thread ? "thread port" : "task port";
        if (!HadPort) return $"{where}: none";
        var name = Result < 0 && Enum.IsDefined((MigReturn)Result) ? "MIG_" + Upper(((MigReturn)Result).ToString())
            : Enum.IsDefined((KernReturn)Result) ? "KERN_" + Upper(((KernReturn)Result).ToString()) : "code";
        return $"{where}: {name} ({Result})";
    }

    /// <summary>"ServerDied" -> "SERVER_DIED".</summary>
    private static string Upper(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}

/// <summary>Thread object -> its task: a counted copy of the task's exception port, please (answered with <see cref="TaskExceptionPort"/>).</summary>
/// <param name="Token">Names the request (the thread's wait).</param>
internal sealed record TaskExceptionPortRequest(object Token);

/// <summary>Task -> thread object: <paramref name="Port"/> is a copy of the task's exception port (counted at the port already) or NULL.</summary>
/// <param name="Token">The request's token.</param>
/// <param name="Port">The copy, owned by the thread object now.</param>
/// <param name="TaskTerminated">The task is terminated (NULL port; its threads' termination is on its way).</param>
internal sealed record TaskExceptionPort(object Token, CarriedRight Port, bool TaskTerminated);
