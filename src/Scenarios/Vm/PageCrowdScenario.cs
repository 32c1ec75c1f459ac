using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Kernel;
using MachActors.Pagers.Memory;

namespace MachActors.Scenarios.Vm;

/// <summary>
/// Three threads of one task on two CPUs read the same page of an external pager's object that answers
/// at once (no latency), then each writes its own byte of it and reads it back. Two threads fault on the
/// page at one instant; the third runs only when a CPU is free (after a context switch), so it meets the
/// page still busy only when the pager's answer is held up past that switch: with early timers
/// (<c>--early-timers</c>) and a schedule that starves the answer's path. Checks: every thread ends, each
/// read the pager's bytes and then its own byte; the VM oracle and the fault-liveness monitors.
/// </summary>
public class PageCrowdScenario : MachineScenario
{
    /// <summary>The threads that crowd the page.</summary>
    public const int Threads = 3;

    /// <inheritdoc />
    public override string Name => "vm-page-crowd";

    /// <inheritdoc />
    public override string Description => "three threads on two CPUs fault on one page of a pager that answers at once (explore with early timers)";

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var size = run.PageSize;
        run.PublishMemoryObject(Props.Create(() => new MemoryPager(size, Duration.Zero)));
        var initial = MemoryPager.Initial(1, 0, size);
        var wrong = new string?[Threads];
        var done = new bool[Threads];
        run.Start("crowd", async env =>
        {
            var at = await MachineRun.MapMemoryObject(env, 1);
            if (at == 0) return;
            async Task<object?> Reader(Kernel.User.MachEnv e, int k)
            {
                var first = await e.Mem.Read(at + 8, 8);
                if (!first.AsSpan().SequenceEqual(initial.AsSpan(8, 8))) wrong[k] = $"thread {k} read {Convert.ToHexString(first)}, the pager's bytes are {Convert.ToHexString(initial.AsSpan(8, 8))}";
                await e.Mem.Write(at + (ulong)k, [(byte)(0xC0 + k)]);
                var own = await e.Mem.Read(at + (ulong)k, 1);
                if (own[0] != 0xC0 + k) wrong[k] ??= $"thread {k} read its byte back as {own[0]:x2}";
                done[k] = true;
                return null;
            }
            var others = new List<Kernel.Ipc.PortName>();
            for (var k = 1; k < Threads; k++)
            {
                var index = k;
                others.Add(await env.CThreadFork(e => Reader(e, index), $"reader-{k}"));
            }
            await Reader(env, 0);
            foreach (var t in others) await env.CThreadJoin(t);
        });
        return () => wrong.FirstOrDefault(w => w is not null)
                     ?? (done.All(d => d) ? NoFault(run) : $"only {done.Count(d => d)} of {Threads} threads read the page");
    }
}
