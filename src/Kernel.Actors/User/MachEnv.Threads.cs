using MachActors.Hardware.Execution;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.User;

/// <summary>The thread calls.</summary>
public sealed partial class MachEnv
{
    /// <summary>thread_create: a thread in <paramref name="task"/> running <paramref name="body"/>, suspended until thread_resume.</summary>
    public TrapAwaitable<ThreadCreated> ThreadCreate(TaskHandle task, ThreadBody body, string name = "thread") =>
        Call<ThreadCreated>(task.Ref, new ThreadCreate(body, name, Suspended: true));

    /// <summary>thread_terminate (also of the calling thread).</summary>
    public TrapAwaitable<KernReturn> ThreadTerminate(ThreadHandle thread) => Call<KernReturn>(thread.Ref, new ThreadTerminate());

    /// <summary>thread_suspend.</summary>
    public TrapAwaitable<KernReturn> ThreadSuspend(ThreadHandle thread) => Call<KernReturn>(thread.Ref, new ThreadSuspend());

    /// <summary>thread_resume: Failure when not suspended.</summary>
    public TrapAwaitable<KernReturn> ThreadResume(ThreadHandle thread) => Call<KernReturn>(thread.Ref, new ThreadResume());

    /// <summary>thread_abort: a wait the thread is in returns Aborted.</summary>
    public TrapAwaitable<KernReturn> ThreadAbort(ThreadHandle thread) => Call<KernReturn>(thread.Ref, new ThreadAbort());

    /// <summary>thread_priority: InvalidArgument above the thread's maximum.</summary>
    public TrapAwaitable<KernReturn> ThreadPriority(ThreadHandle thread, int priority, bool setMax = false) =>
        Call<KernReturn>(thread.Ref, new ThreadSetPriority(priority, setMax));

    /// <summary>thread_max_priority.</summary>
    public TrapAwaitable<KernReturn> ThreadMaxPriority(ThreadHandle thread, int maxPriority) =>
        Call<KernReturn>(thread.Ref, new ThreadSetMaxPriority(maxPriority));

    /// <summary>thread_policy: timesharing or fixed priority (with a quantum in ms).</summary>
    public TrapAwaitable<KernReturn> ThreadPolicy(ThreadHandle thread, SchedPolicy policy, int quantumMs = 0) =>
        Call<KernReturn>(thread.Ref, new ThreadSetPolicy(policy, quantumMs));

    /// <summary>thread_assign: move the thread to <paramref name="set"/>.</summary>
    public TrapAwaitable<KernReturn> ThreadAssign(ThreadHandle thread, ProcessorSetHandle set) => Call<KernReturn>(thread.Ref, new ThreadAssign(set));

    /// <summary>Bind the thread to <paramref name="cpu"/>'s local run queue (null unbinds).</summary>
    public TrapAwaitable<KernReturn> ThreadBind(ThreadHandle thread, int? cpu) => Call<KernReturn>(thread.Ref, new ThreadBind(cpu));

    /// <summary>thread_info.</summary>
    public TrapAwaitable<ThreadInfoReply> ThreadInfo(ThreadHandle thread) => Call<ThreadInfoReply>(thread.Ref, new ThreadInfo());
}
