using System.Globalization;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;
using static MachActors.Kernel.Programs.Workloads.WorkloadChecks;

namespace MachActors.Kernel.Programs.Workloads;

/// <summary>
/// The <c>suspend</c> workload: a supervisor task stops and restarts another task and one of its
/// threads, and checks that a stopped thread gets no CPU time while it is stopped.
/// </summary>
public static class SuspendWorkload
{
    /// <summary>The name it is registered under.</summary>
    public const string Name = "suspend";

    /// <summary>What it does, for listings and the run's explanation.</summary>
    public const string Description =
        "A supervisor suspends and resumes another task. The supervisor (task 'suspend', priority 10) creates "
        + "task 'workers' with two threads that compute 150 ms each in 5 ms chunks. Three times it computes "
        + "20 ms, suspends the task (task_suspend returns once both workers are off their CPUs), checks that "
        + "their state is stopped and their CPU time does not grow while it computes another 20 ms, and resumes "
        + "the task. Then it does the same to one thread (thread_suspend / thread_resume), checks that a second "
        + "task_resume answers KERN_FAILURE (resume without suspend), and joins the workers.";

    /// <summary>The supervisor: drives the suspensions and checks what the workers' info says.</summary>
    public static async Task Run(MachEnv env, IReadOnlyList<string> args)
    {
        Expect(await env.ThreadPriority(env.ThreadSelf, 10), "thread_priority supervisor");
        var (created, workers) = await env.TaskCreate(env.TaskSelf, "workers");
        Expect(created, "task_create workers");
        var threads = new List<PortName>();
        for (var i = 1; i <= 2; i++) threads.Add(await Start(env, workers, Worker, "worker-" + i, SchedConstants.BasePriorityUser));

        for (var round = 1; round <= 3; round++)
        {
            await env.Compute(Cycles(env, 20));
            Expect(await env.TaskSuspend(workers), "task_suspend");
            await ExpectStoppedWhile(env, threads, "task_suspend round " + round.ToString(CultureInfo.InvariantCulture));
            Expect(await env.TaskResume(workers), "task_resume");
        }

        await env.Compute(Cycles(env, 20));
        Expect(await env.ThreadSuspend(threads[0]), "thread_suspend");
        await ExpectStoppedWhile(env, [threads[0]], "thread_suspend");
        Expect(await env.ThreadResume(threads[0]), "thread_resume");

        Expect(await env.TaskResume(workers), "task_resume without task_suspend", KernReturn.Failure);
        await JoinAll(env, threads);
    }

    /// <summary>Checks that <paramref name="threads"/> are stopped and gain no CPU time while the caller computes 20 ms.</summary>
    private static async Task ExpectStoppedWhile(MachEnv env, IReadOnlyList<PortName> threads, string when)
    {
        var before = new List<ThreadStatus>();
        foreach (var thread in threads)
        {
            var info = await Status(env, thread);
            Check(info.State == ThreadRunState.Stopped, $"after {when}: {thread} is {info.State}, not Stopped");
            before.Add(info);
        }
        await env.Compute(Cycles(env, 20));
        for (var i = 0; i < threads.Count; i++)
        {
            var after = await Status(env, threads[i]);
            Check(after.CpuTime == before[i].CpuTime, $"after {when}: {threads[i]} ran while stopped ({before[i].CpuTime} -> {after.CpuTime})");
        }
    }

    private static async Task<ThreadStatus> Status(MachEnv env, PortName thread) =>
        await env.ThreadStatus(thread) ?? throw new InvalidOperationException($"thread_info of {thread} failed");

    private static async Task<object?> Worker(MachEnv env)
    {
        for (var chunk = 0; chunk < 30; chunk++) await env.Compute(Cycles(env, 5));
        return null;
    }
}
