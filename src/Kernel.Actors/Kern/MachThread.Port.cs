using System.Collections.Immutable;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Kernel.Kern;

/// <summary>The thread port (docs/IPC.md rule 7): the IMachThread routines (and thread_priority) as calls on this object; the thread's special ports.</summary>
public sealed partial class MachThread
{
    private readonly SpecialPorts _special = new();

    /// <summary>
    /// A MIG request on the thread port: mach 2000 ids to the generated <c>MachThreadServer</c>,
    /// mach_host 2600 ids to <c>MachHostServer</c> (thread_priority; the others answer InvalidArgument);
    /// other ids MIG_BAD_ID; a wrong shape MIG_BAD_ARGUMENTS. The calls are this object's
    /// (<see cref="OnCall"/>): an ended thread answers InvalidArgument, thread_info reports it halted.
    /// A message on the thread's exception reply port is an answer to exception_raise (<see cref="ExceptionDelivery"/>).
    /// </summary>
    protected override void OnPortMessage(KernelPortRequest request)
    {
        if (request.Kernel.Destination != _handle.Port)
        {
            ExceptionReplied(request); // the thread's other kernel port: exception replies
            return;
        }
        ServeMig(request, r => MachHostServer.IsRoutine(r.Message.Header.Id)
            ? MachHostServer.Demux(r.Message, new HostRoutines(this, r))
            : MachThreadServer.Demux(r.Message, new ThreadRoutines(this, r)));
    }

    private void ReleaseSpecialPorts()
    {
        var effects = new List<IpcEffect>();
        _special.ReleaseAll(effects);
        SpecialPorts.Apply(effects, Self);
    }

    private static KernReturn CodeOf(object? result) => result is KernReturn k ? k : KernReturn.Failure;

    private sealed class ThreadRoutines(MachThread thread, KernelPortRequest request) : IMachThread
    {
        private MigReplyHandle Handle => MigReplyHandle.For(request.Message);

        public KernReturn ThreadTerminate(PortName targetThread) =>
            (KernReturn)thread.Defer(request, new ThreadTerminate(), (r, _) => MachThreadServer.ThreadTerminateReply(Handle, CodeOf(r)));

        public KernReturn ThreadInfo(PortName targetThread, int flavor, int threadInfoCount, out ImmutableArray<byte> threadInfo)
        {
            threadInfo = [];
            return (KernReturn)thread.Defer(request, new ThreadInfo(), (r, _) =>
            {
                var (code, words) = r is ThreadInfoReply { Result: KernReturn.Success, Info: { } info }
                    ? InfoWords.Thread(flavor, threadInfoCount, info)
                    : (r is ThreadInfoReply f ? f.Result : CodeOf(r), ImmutableArray<byte>.Empty);
                return MachThreadServer.ThreadInfoReply(Handle, code, words);
            });
        }

        public KernReturn ThreadSuspend(PortName targetThread) =>
            (KernReturn)thread.Defer(request, new ThreadSuspend(), (r, _) => MachThreadServer.ThreadSuspendReply(Handle, CodeOf(r)));

        public KernReturn ThreadResume(PortName targetThread) =>
            (KernReturn)thread.Defer(request, new ThreadResume(), (r, _) => MachThreadServer.ThreadResumeReply(Handle, CodeOf(r)));

        public KernReturn ThreadAbort(PortName targetThread) =>
            (KernReturn)thread.Defer(request, new ThreadAbort(), (r, _) => MachThreadServer.ThreadAbortReply(Handle, CodeOf(r)));

        public KernReturn ThreadGetSpecialPort(PortName targetThread, int whichPort, out PortName specialPort)
        {
            specialPort = default;
            if (thread._end is not null || !thread._special.TryGet(whichPort, task: false, thread._handle.Port, out var right)) return KernReturn.InvalidArgument;
            specialPort = right.Port == thread._handle.Port ? request.GiveMadeSend(thread._handle.Port) : request.GiveCopySend(right);
            return KernReturn.Success;
        }

        public KernReturn ThreadSetSpecialPort(PortName targetThread, int whichPort, PortName specialPort)
        {
            if (thread._end is not null) return KernReturn.InvalidArgument;
            var effects = new List<IpcEffect>();
            var code = thread._special.Set(whichPort, task: false, request.Take(specialPort), effects);
            SpecialPorts.Apply(effects, thread.Self);
            return code;
        }
    }

    private sealed class HostRoutines(MachThread thread, KernelPortRequest request) : HostRoutinesBase
    {
        public override KernReturn ThreadPriority(PortName threadPort, int priority, bool setMax) =>
            (KernReturn)thread.Defer(request, new ThreadSetPriority(priority, setMax),
                (r, _) => MachHostServer.ThreadPriorityReply(MigReplyHandle.For(request.Message), CodeOf(r)));
    }
}
