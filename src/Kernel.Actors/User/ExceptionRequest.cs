using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;

namespace MachActors.Kernel.User;

/// <summary>One exception_raise as a handler sees it (<see cref="MachEnv.ExceptionServerOnce"/>).</summary>
/// <param name="Thread">A send right to the faulting thread's port (suspend it, inspect it, terminate it, abort it).</param>
/// <param name="Task">A send right to its task's port.</param>
/// <param name="Exception">Type, code and subcode.</param>
/// <param name="Reply">The request's reply right, for a deferred answer (<see cref="MachEnv.ExceptionReply"/>).</param>
public sealed record ExceptionRequest(PortName Thread, PortName Task, MachException Exception, MigReplyHandle Reply);
