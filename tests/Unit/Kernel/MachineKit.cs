using System.Collections.Concurrent;
using MachActors.Hardware;
using MachActors.Hardware.Cpu;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs;
using MachActors.Kernel.User;
using MachActors.Pagers.Default;

namespace MachActors.Tests.Unit.Kernel;

/// <summary>
/// A booted machine on its own actor system, for tests through the whole machine: start tasks from
/// inline programs, run in virtual time, make kernel calls from host code, read the accounting.
/// Programs may record into <see cref="Log"/> (safe under the parallel dispatcher).
/// </summary>
public sealed class MachineKit : IDisposable
{
    /// <summary>Cycles in a millisecond at the default 25 MHz.</summary>
    public const long CyclesPerMs = 25_000;

    private int _programs;

    public MachineKit(int cpus = 2, DispatcherKind dispatcher = DispatcherKind.Controlled, ulong seed = 1, SchedulerOptions? options = null, MachineConfig? config = null)
    {
        Sys = ActorSystem.Create("mach", new ActorSystemOptions { Dispatcher = dispatcher, Seed = seed });
        var shaped = (config ?? new MachineConfig()) with { CpuCount = cpus };
        Machine = Machine.Boot(Sys, shaped, Programs, options, shaped.SwapDisk is null ? null : DefaultPagerBoot.Create);
    }

    /// <summary>Both dispatchers, for theories.</summary>
    public static TheoryData<DispatcherKind> Dispatchers => new() { DispatcherKind.Controlled, DispatcherKind.Parallel };

    public ActorSystem Sys { get; }

    public Machine Machine { get; }

    public ProgramRegistry Programs { get; } = new();

    /// <summary>What programs recorded, in order.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public static Duration Ms(long n) => Duration.FromMilliseconds(n);

    /// <summary>Starts a task whose main thread runs <paramref name="main"/>; asserts it started.</summary>
    public TaskStarted Start(Func<MachEnv, Task> main, string name = "main", int? priority = null)
    {
        var program = "program" + (++_programs);
        Programs.Register(program, (env, _) => main(env));
        var started = Machine.StartTask(program, null, name, priority);
        Assert.Equal(KernReturn.Success, started.Result);
        return started;
    }

    /// <summary>Runs until every thread has ended (within <paramref name="within"/>, default 10 s of virtual time).</summary>
    public void RunToEnd(Duration? within = null)
    {
        var result = Machine.RunUntilThreadsEnd(within ?? Duration.FromSeconds(10));
        Assert.True(result.Outcome == RunOutcome.ConditionMet, $"threads still live after {result.Now}: {Machine.Status.LiveThreads}");
    }

    public void RunFor(Duration d) => Sys.RunFor(d);

    public T Call<T>(IActorRef target, KernelRequest request) => Machine.Call<T>(target, request);

    public T Call<T>(TaskHandle task, KernelRequest request) => Machine.Call<T>(task, request);

    public T Call<T>(ThreadHandle thread, KernelRequest request) => Machine.Call<T>(thread, request);

    /// <summary>thread_info from host code; asserts success.</summary>
    public ThreadBasicInfo Info(ThreadHandle thread)
    {
        var reply = Call<ThreadInfoReply>(thread, new ThreadInfo());
        Assert.Equal(KernReturn.Success, reply.Result);
        return reply.Info!;
    }

    /// <summary>task_info from host code; asserts success.</summary>
    public TaskBasicInfo Info(TaskHandle task)
    {
        var reply = Call<TaskInfoReply>(task, new TaskInfo());
        Assert.Equal(KernReturn.Success, reply.Result);
        return reply.Info!;
    }

    /// <summary>Each CPU's busy time of <paramref name="thread"/>.</summary>
    public IReadOnlyList<Duration> TimeByCpu(ThreadHandle thread) =>
        Machine.CpuStats().Select(s => s.ByThread.GetValueOrDefault(thread.Id)).ToList();

    /// <summary>No actor failed and nothing went to dead letters unexpectedly (failures only).</summary>
    public void AssertNoActorFailures() => Assert.Equal(0, Sys.FailureCount);

    /// <summary>In a program: yields and computes until the thread <paramref name="thread"/> names is blocked in a kernel call.</summary>
    public static async Task UntilWaiting(MachEnv env, MachActors.Kernel.Ipc.PortName thread)
    {
        while ((await env.ThreadStatus(thread))!.State != ThreadRunState.Waiting)
        {
            await env.Yield();
            await env.Compute(CyclesPerMs / 10);
        }
    }

    /// <summary>In a program: computes <paramref name="ms"/> milliseconds, one millisecond per trap.</summary>
    public static async Task ComputeMs(MachEnv env, int ms)
    {
        for (var i = 0; i < ms; i++) await env.Compute(CyclesPerMs);
    }

    /// <summary>Every CPU's time adds up to the elapsed time (busy + idle).</summary>
    public void AssertCpuTimeConserved()
    {
        foreach (var s in Machine.CpuStats()) Assert.Equal(s.At - VirtualTime.Zero, s.Busy + s.Idle);
    }

    /// <summary>The CPU statistics in a comparable form.</summary>
    public static string Describe(CpuStats s) =>
        $"cpu{s.Cpu} busy={s.Busy} idle={s.Idle} cs={s.ContextSwitches} traps={s.Traps} " +
        string.Join(",", s.ByThread.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}:{kv.Value.Nanoseconds}"));

    public void Dispose() => Sys.Dispose();
}
