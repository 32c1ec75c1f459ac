using MachActors.Hardware;
using MachActors.Hardware.Cpu;
using MachActors.Hardware.Execution;
using MachActors.Kernel.Kern;

namespace MachActors.Tests.Unit.Kernel.Kern;

/// <summary>
/// A <see cref="ProcessorSetScheduler"/> driven directly, with its effects recorded instead of sent
/// and a clock the test moves. Threads are numbered; the harness plays the CPUs (surrenders, ticks).
/// </summary>
internal sealed class SchedulerHarness : ISchedulerEffects
{
    private readonly List<object> _effects = [];
    private VirtualTime _now = VirtualTime.Zero;

    public SchedulerHarness(int cpus, SchedulerOptions? options = null, int setId = 0)
    {
        Scheduler = new ProcessorSetScheduler(setId, Config, options ?? new SchedulerOptions(), this, () => _now);
        for (var cpu = 0; cpu < cpus; cpu++) Scheduler.AddCpu(cpu);
    }

    public MachineConfig Config { get; } = new();

    public ProcessorSetScheduler Scheduler { get; }

    public List<DispatchRecord> Dispatches { get; } = [];

    /// <summary>A thread of priority <paramref name="priority"/> (not yet in the set).</summary>
    public static SchedThread NewThread(long id, int priority = SchedConstants.BasePriorityUser) =>
        new(new ThreadHandle(id, "t" + id), new TaskHandle(1, "task"), new ThreadExecution(id, "t" + id, () => Task.CompletedTask))
        {
            BasePriority = priority,
            SchedPriority = priority,
        };

    /// <summary>Creates thread <paramref name="id"/> and adopts it into the set.</summary>
    public SchedThread Adopt(long id, int priority = SchedConstants.BasePriorityUser)
    {
        var thread = NewThread(id, priority);
        Scheduler.Adopt(thread);
        return thread;
    }

    /// <summary>The thread's CPU gives it back for <paramref name="reason"/> after running <paramref name="ran"/>.</summary>
    public void Surrender(SchedThread thread, SurrenderReason reason, Duration? ran = null) =>
        Scheduler.OnSurrender(thread.Cpu ?? throw new InvalidOperationException($"{thread} is not on a CPU"), thread.Execution, reason, ran ?? Duration.Zero);

    /// <summary>Blocks the running <paramref name="thread"/> on a new wait channel, returned.</summary>
    public WaitChannel Block(SchedThread thread, string what = "wait")
    {
        var channel = new WaitChannel(new FakeRef("owner"), what);
        Surrender(thread, new SurrenderReason.Blocked(channel));
        return channel;
    }

    /// <summary>A clock tick on <paramref name="thread"/>'s CPU, <paramref name="count"/> times.</summary>
    public void Tick(SchedThread thread, int count = 1, Duration? ran = null)
    {
        for (var i = 0; i < count; i++)
        {
            _now += ran ?? Duration.Zero;
            Scheduler.OnTick(thread.Cpu!.Value, thread.Id, ran ?? Duration.Zero);
        }
    }

    public void Advance(Duration d) => _now += d;

    /// <summary>The effects since the last call, and forgets them.</summary>
    public List<object> Take()
    {
        var taken = _effects.ToList();
        _effects.Clear();
        return taken;
    }

    /// <summary>The thread ids run since the last <see cref="Take"/>, as (cpu, thread).</summary>
    public List<(int Cpu, long Thread)> TakeRuns() => Take().OfType<Ran>().Select(r => (r.Cpu, r.Thread)).ToList();

    void ISchedulerEffects.Run(int cpu, ThreadExecution thread) => _effects.Add(new Ran(cpu, thread.ThreadId));

    void ISchedulerEffects.Preempt(int cpu, long threadId, SurrenderReason reason) => _effects.Add(new Preempted(cpu, threadId, reason));

    void ISchedulerEffects.Ended(SchedThread thread, SurrenderReason reason) => _effects.Add(new Ended(thread.Id, reason));

    void ISchedulerEffects.CancelWait(long threadId, WaitChannel channel, bool wakeAborted) =>
        _effects.Add(new WaitCancelled(threadId, channel, wakeAborted));

    void ISchedulerEffects.Migrate(SchedThread thread, IActorRef destination) => _effects.Add(new Migrated(thread.Id, destination));

    void ISchedulerEffects.CpuLeft(int cpu, IActorRef destination) => _effects.Add(new CpuLeft(cpu, destination));

    void ISchedulerEffects.Send(IActorRef to, object message) => _effects.Add(new Sent(to, message));

    void ISchedulerEffects.Dispatched(DispatchRecord dispatch) => Dispatches.Add(dispatch);

    public sealed record Ran(int Cpu, long Thread);

    public sealed record Preempted(int Cpu, long Thread, SurrenderReason Reason);

    public sealed record Ended(long Thread, SurrenderReason Reason);

    public sealed record WaitCancelled(long Thread, WaitChannel Channel, bool WakeAborted);

    public sealed record Migrated(long Thread, IActorRef Destination);

    public sealed record CpuLeft(int Cpu, IActorRef Destination);

    public sealed record Sent(IActorRef To, object Message);
}
