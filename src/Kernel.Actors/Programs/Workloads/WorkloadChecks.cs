using System.Globalization;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;

namespace MachActors.Kernel.Programs.Workloads;

/// <summary>
/// What the built-in workloads share: checks that throw (so the thread faults with a clear report
/// and the run shows it) and the way they start a thread with its scheduling set before it runs. Threads and tasks are
/// named by send rights (port names) only, as a program holds them.
/// </summary>
internal static class WorkloadChecks
{
    /// <summary>Throws unless <paramref name="actual"/> is <paramref name="expected"/>; <paramref name="what"/> names the call.</summary>
    public static void Expect(KernReturn actual, string what, KernReturn expected = KernReturn.Success)
    {
        if (actual != expected) throw new InvalidOperationException($"{what} returned {actual}, expected {expected}");
    }

    /// <summary>Throws with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void Check(bool condition, string message)
    {
        if (!condition) throw new InvalidOperationException(message);
    }

    /// <summary>
    /// thread_create in the task <paramref name="task"/> names (suspended), then its policy and base priority, then
    /// thread_resume: the thread's first dispatch already has its scheduling. A quantum of 0 keeps
    /// timesharing; a positive one asks for fixed priority with that quantum in milliseconds.
    /// </summary>
    public static async Task<PortName> Start(MachEnv env, PortName task, ThreadBody body, string name, int priority, int fixedQuantumMs = 0)
    {
        var (code, thread) = await env.ThreadCreate(task, body, name);
        Expect(code, "thread_create " + name);
        if (fixedQuantumMs > 0) Expect(await env.ThreadPolicy(thread, SchedPolicy.FixedPriority, fixedQuantumMs), "thread_policy " + name);
        Expect(await env.ThreadPriority(thread, priority), string.Create(CultureInfo.InvariantCulture, $"thread_priority {name} {priority}"));
        Expect(await env.ThreadResume(thread), "thread_resume " + name);
        return thread;
    }

    /// <summary>cthread_join on each of <paramref name="threads"/> (port names), in order; throws unless every join succeeds.</summary>
    public static async Task JoinAll(MachEnv env, IEnumerable<PortName> threads)
    {
        foreach (var thread in threads) Expect((await env.CThreadJoin(thread)).Result, "cthread_join " + thread);
    }

    /// <summary>Cycles in <paramref name="milliseconds"/> of this machine's CPU time.</summary>
    public static long Cycles(MachEnv env, int milliseconds) => env.Machine.ClockHz / 1_000 * milliseconds;
}
