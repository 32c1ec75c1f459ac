using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;
using static MachActors.Kernel.Programs.Workloads.WorkloadChecks;

namespace MachActors.Kernel.Programs.Workloads;

/// <summary>
/// The <c>interactive</c> workload: one high-priority thread that computes briefly and yields, beside
/// CPU hogs that timeshare. The interactive thread is dispatched at once every time and finishes
/// first; the hogs share what is left in quanta and their priorities age with use.
/// </summary>
public static class InteractiveWorkload
{
    /// <summary>The name it is registered under.</summary>
    public const string Name = "interactive";

    /// <summary>What it does, for listings and the run's explanation.</summary>
    public const string Description =
        "An interactive thread against CPU hogs. 'editor' (fixed priority 8) runs 60 short bursts of 1 ms, "
        + "yielding after each; three hogs (timesharing at the user default 12) each compute 300 ms in 50 ms "
        + "chunks. The editor gets a CPU at every burst and finishes first; the hogs round-robin in quanta, "
        + "and as they use the CPU their scheduled priority worsens: its number rises above their base of 12 (priority aging).";

    /// <summary>Bursts the interactive thread runs.</summary>
    public const int Bursts = 60;

    /// <summary>The main thread: starts the hogs, then the editor, and joins them all.</summary>
    public static async Task Run(MachEnv env, IReadOnlyList<string> args)
    {
        var threads = new List<PortName>();
        for (var i = 1; i <= 3; i++) threads.Add(await Start(env, env.TaskSelf, Hog, "hog-" + i, SchedConstants.BasePriorityUser));
        threads.Add(await Start(env, env.TaskSelf, Editor, "editor", 8, fixedQuantumMs: 10));
        await JoinAll(env, threads);
    }

    private static async Task<object?> Editor(MachEnv env)
    {
        for (var burst = 0; burst < Bursts; burst++)
        {
            await env.Compute(Cycles(env, 1));
            await env.Yield();
        }
        return Bursts;
    }

    private static async Task<object?> Hog(MachEnv env)
    {
        for (var chunk = 0; chunk < 6; chunk++) await env.Compute(Cycles(env, 50));
        return null;
    }
}
