using MachActors.Hardware.Execution;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.User;

/// <summary>The task calls (the seeds' table of process calls).</summary>
public sealed partial class MachEnv
{
    /// <summary>task_create: a child of <paramref name="parent"/> (inherits priority and processor set), with no threads.</summary>
    public TrapAwaitable<TaskCreated> TaskCreate(TaskHandle parent, string? name = null) => Call<TaskCreated>(parent.Ref, new TaskCreate(name));

    /// <summary>task_terminate: every thread of the task ends.</summary>
    public TrapAwaitable<KernReturn> TaskTerminate(TaskHandle task) => Call<KernReturn>(task.Ref, new TaskTerminate());

    /// <summary>task_suspend: returns once every other thread of the task is stopped.</summary>
    public TrapAwaitable<KernReturn> TaskSuspend(TaskHandle task) => Call<KernReturn>(task.Ref, new TaskSuspend());

    /// <summary>task_resume: Failure when the count is already 0.</summary>
    public TrapAwaitable<KernReturn> TaskResume(TaskHandle task) => Call<KernReturn>(task.Ref, new TaskResume());

    /// <summary>task_priority: the priority of new threads (and of the existing ones with <paramref name="changeThreads"/>).</summary>
    public TrapAwaitable<KernReturn> TaskPriority(TaskHandle task, int priority, bool changeThreads = false) =>
        Call<KernReturn>(task.Ref, new TaskPriority(priority, changeThreads));

    /// <summary>task_assign: new threads (and existing ones with <paramref name="assignThreads"/>) go to <paramref name="set"/>.</summary>
    public TrapAwaitable<KernReturn> TaskAssign(TaskHandle task, ProcessorSetHandle set, bool assignThreads = false) =>
        Call<KernReturn>(task.Ref, new TaskAssign(set, assignThreads));

    /// <summary>task_info.</summary>
    public TrapAwaitable<TaskInfoReply> TaskInfo(TaskHandle task) => Call<TaskInfoReply>(task.Ref, new TaskInfo());

    /// <summary>task_threads: the task's live threads.</summary>
    public TrapAwaitable<TaskThreadsReply> TaskThreads(TaskHandle task) => Call<TaskThreadsReply>(task.Ref, new TaskThreads());

    /// <summary>processor_set_create (a host call).</summary>
    public TrapAwaitable<ProcessorSetCreated> ProcessorSetCreate(string? name = null) => Call<ProcessorSetCreated>(_services.Host, new ProcessorSetCreate(name));

    /// <summary>processor_assign (a host call): move <paramref name="cpu"/> to <paramref name="set"/>.</summary>
    public TrapAwaitable<KernReturn> ProcessorAssign(int cpu, ProcessorSetHandle set) => Call<KernReturn>(_services.Host, new ProcessorAssign(cpu, set));
}
