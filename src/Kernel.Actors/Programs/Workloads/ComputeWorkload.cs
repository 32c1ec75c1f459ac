using System.Globalization;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;
using static MachActors.Kernel.Programs.Workloads.WorkloadChecks;

namespace MachActors.Kernel.Programs.Workloads;

/// <summary>
/// The <c>compute</c> workload: threads of several priorities and both policies in two tasks,
/// sharing a mutex-protected counter, yielding now and then, joined by the main thread, which checks
/// that no increment was lost. Deterministic; about 0.4 s of virtual time on 2 CPUs.
/// </summary>
public static class ComputeWorkload
{
    /// <summary>The name it is registered under.</summary>
    public const string Name = "compute";

    /// <summary>What it does, for listings and the run's explanation.</summary>
    public const string Description =
        "Two tasks of CPU-bound threads at several priorities. Task 'compute' runs five workers that share a "
        + "mutex-protected counter: fixed-8 and fixed-10 (fixed priority, 30 ms quantum), ts-12a and ts-12b "
        + "(timesharing, the user default) and ts-16 (timesharing, lower). Each does 12 rounds of 8 ms of work, "
        + "then increments the counter under the mutex (reading it, computing 0.2 ms, writing it back), yielding "
        + "every third round. A child task 'compute-batch' (task_create) runs two background threads at "
        + "priorities 20 and 24 that compute in 10 ms chunks. The main thread joins all seven and faults if "
        + "the counter lost an increment; it also checks that asking for a priority above the maximum answers "
        + "KERN_INVALID_ARGUMENT.";

    /// <summary>Rounds each counter worker does.</summary>
    public const int Rounds = 12;

    private static readonly (string Name, int Priority, int FixedQuantumMs)[] Workers =
    [
        ("fixed-8", 8, 30), ("fixed-10", 10, 30), ("ts-12a", 12, 0), ("ts-12b", 12, 0), ("ts-16", 16, 0),
    ];

    private static readonly (string Name, int Priority)[] Batch = [("batch-20", 20), ("batch-24", 24)];

    /// <summary>The counter the workers share (the task's memory: one object all its threads see).</summary>
    private sealed class SharedCounter
    {
        public int Value;
    }

    /// <summary>The main thread: starts the workers and the batch task, joins them, checks the counter.</summary>
    public static async Task Run(MachEnv env, IReadOnlyList<string> args)
    {
        var mutex = await env.MutexAlloc();
        var counter = new SharedCounter();
        var threads = new List<PortName>();
        foreach (var (name, priority, quantum) in Workers)
        {
            threads.Add(await Start(env, env.TaskSelf, e => CounterWorker(e, mutex, counter), name, priority, quantum));
        }
        var (created, batch) = await env.TaskCreate(env.TaskSelf, "compute-batch");
        Expect(created, "task_create compute-batch");
        foreach (var (name, priority) in Batch) threads.Add(await Start(env, batch, BatchWorker, name, priority));

        Expect(await env.ThreadPriority(threads[0], SchedConstants.DefaultMaxPriority - 1), "thread_priority above the maximum", KernReturn.InvalidArgument);
        await JoinAll(env, threads);

        var expected = Workers.Length * Rounds;
        Check(counter.Value == expected, string.Create(CultureInfo.InvariantCulture, $"counter is {counter.Value}, expected {expected}: an increment was lost"));
    }

    private static async Task<object?> CounterWorker(MachEnv env, MutexHandle mutex, SharedCounter counter)
    {
        for (var round = 1; round <= Rounds; round++)
        {
            await env.Compute(Cycles(env, 8));
            Expect(await env.MutexLock(mutex), "mutex_lock");
            var seen = counter.Value;
            await env.Compute(Cycles(env, 1) / 5);
            counter.Value = seen + 1;
            Expect(await env.MutexUnlock(mutex), "mutex_unlock");
            if (round % 3 == 0) await env.Yield();
        }
        return Rounds;
    }

    private static async Task<object?> BatchWorker(MachEnv env)
    {
        for (var chunk = 0; chunk < 8; chunk++) await env.Compute(Cycles(env, 10));
        return null;
    }
}
