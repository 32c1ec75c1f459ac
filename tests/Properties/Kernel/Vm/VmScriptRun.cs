using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;
using MachActors.Kernel.Programs;
using MachActors.Kernel.User;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Default;
using MachActors.Tests.Properties.Actors.Dispatch;

namespace MachActors.Tests.Properties.Kernel.Vm;

/// <summary>One step as run: what the kernel gave and what the model says it must give.</summary>
public sealed record VmStep(int Index, string Op, VmOutcome Actual, VmOutcome Expected);

/// <summary>What one run of a <see cref="VmScript"/> produced: the steps, the monitors' findings and the VM counters.</summary>
public sealed record VmRunReport(RunOutcome Outcome, IReadOnlyList<VmStep> Steps, IReadOnlyList<ThreadFaulted> Faults, VmMonitor Monitor, VmCounts Vm)
{
    /// <summary>The run ended (every thread), no program faulted, and every step gave what the model says (property a).</summary>
    public IEnumerable<string> AgainstModel()
    {
        if (Outcome != RunOutcome.ConditionMet) yield return $"the threads did not all end: the run stopped with {Outcome}";
        foreach (var f in Faults) yield return $"a program faulted: {f}";
        foreach (var s in Steps) if (s.Actual.Difference(s.Expected) is { } d) yield return $"#{s.Index} {s.Op}: {d}";
    }
}

/// <summary>
/// Runs a <see cref="VmScript"/> on a machine with <see cref="Frames"/> frames and a swap disk, so the
/// paging daemon pages out (property a), with a <see cref="VmMonitor"/> on the actor system's trace
/// (properties c-f). A controller (the first task's main thread) makes every vm_* call through task
/// ports, forks with task_create(inherit_memory), and runs each read and write in a new thread of the
/// step's task whose exception port it holds: an EXC_BAD_ACCESS is caught there (the thread is then
/// terminated), so a bad access is an outcome, not the end of the task. Steps run one at a time;
/// the model predicts each. After the script every readable page of every task is read back.
/// </summary>
public sealed class VmScriptRun
{
    /// <summary>Physical frames: with free_reserved 15 and free_target 30, about 25 pages fit before the daemon pages out.</summary>
    public const int Frames = 40;

    /// <summary>Steps a run may take (a healthy one takes well under 100,000; a seeded bug may livelock the machine).</summary>
    public const long MaxSteps = 400_000;

    /// <summary>Where each task's script region starts.</summary>
    public const ulong Base = 0x1000_0000;

    private readonly VmScript _script;
    private readonly VmModel _model = new();
    private readonly List<VmStep> _steps = [];
    private readonly List<PortName> _tasks = [];
    private PortName _exceptions;

    private VmScriptRun(VmScript script) => _script = script;

    /// <summary>The machine: <see cref="Frames"/> frames, two CPUs, a swap disk, and <paramref name="bugs"/> seeded.</summary>
    internal static MachineConfig Config(SeededBugs bugs = SeededBugs.None) => new()
    {
        CpuCount = 2,
        FrameCount = Frames,
        Disks = [new DiskConfig { Name = "swap" }],
        SwapDisk = "swap",
        SeededBugs = bugs,
    };

    /// <summary>Runs <paramref name="script"/> in <paramref name="mode"/> with <paramref name="bugs"/> seeded and the default pager (or <paramref name="pager"/>).</summary>
    internal static VmRunReport Run(VmScript script, RunMode mode, SeededBugs bugs = SeededBugs.None, DefaultPagerFactory? pager = null)
    {
        var monitor = new VmMonitor(VmScript.PageSize);
        using var system = mode.CreateSystem(monitor);
        var run = new VmScriptRun(script);
        var machine = Machine.Boot(system, Config(bugs), new ProgramRegistry().Register("main", run.Main), null, pager ?? DefaultPagerBoot.Create);
        machine.StartTask("main");
        var outcome = WorkloadRun.RunUntilThreadsEnd(machine, MaxSteps);
        return new VmRunReport(outcome, [.. run._steps], machine.Status.Faults, monitor, machine.Status.Vm);
    }

    private async Task Main(MachEnv env, IReadOnlyList<string> args)
    {
        _tasks.Add(env.TaskSelf);
        _exceptions = await env.MachReplyPort();
        await env.PortInsertRight(_exceptions, _exceptions, MsgType.MakeSend);
        for (var i = 0; i < _script.Ops.Length; i++) await Step(env, i, _script.Ops[i]);
        for (var t = 0; t < _tasks.Count; t++)
        {
            foreach (var (page, count) in _model.Runs(t, prot => (prot & VmProt.Read) != 0).ToList())
            {
                await Step(env, _steps.Count, new VmOp(VmOpKind.Read, t, page, 0, 0, count * VmScript.PageSize));
            }
        }
    }

    private async Task Step(MachEnv env, int index, VmOp op)
    {
        var t = op.Task % _tasks.Count;
        var shown = op with { Task = t, Target = op.Kind == VmOpKind.Race ? op.Target % _tasks.Count : op.Target };
        if (_model.Skips(op, t))
        {
            _steps.Add(new VmStep(index, shown.ToString(), VmOutcome.Skipped, VmOutcome.Skipped));
            return;
        }
        var task = _tasks[t];
        if (op is { Kind: VmOpKind.Fork, KeepInheritance: false })
        {
            foreach (var (page, count) in _model.Runs(t).ToList())
            {
                var code = await env.VmInherit(task, Address(page), Size(count), op.Inherit);
                if (code != KernReturn.Success) _steps.Add(new VmStep(index, $"{shown} (vm_inherit {page}+{count})", VmOutcome.Code(code), VmOutcome.Code(KernReturn.Success)));
            }
        }
        var expected = _model.Apply(op, t);
        var actual = op.Kind switch
        {
            VmOpKind.Allocate => VmOutcome.Code((await env.VmAllocate(task, Address(op.Page), Size(op.Count), anywhere: false)).Code),
            VmOpKind.Deallocate => VmOutcome.Code(await env.VmDeallocate(task, Address(op.Page), Size(op.Count))),
            VmOpKind.Protect => VmOutcome.Code(await env.VmProtect(task, Address(op.Page), Size(op.Count), false, op.Prot)),
            VmOpKind.Inherit => VmOutcome.Code(await env.VmInherit(task, Address(op.Page), Size(op.Count), op.Inherit)),
            VmOpKind.Copy => VmOutcome.Code(await env.VmCopy(task, Address(op.Page), Size(op.Count), Address(op.Target))),
            VmOpKind.Fork => await Fork(env, task),
            VmOpKind.Race => await InThreads(env, (task, op), (_tasks[op.Target % _tasks.Count], op)),
            _ => await InThreads(env, (task, op)),
        };
        _steps.Add(new VmStep(index, shown.ToString(), actual, expected));
    }

    private async Task<VmOutcome> Fork(MachEnv env, PortName task)
    {
        var (code, child) = await env.TaskCreate(task, "t" + _tasks.Count, inheritMemory: true);
        _tasks.Add(child);
        return VmOutcome.Code(code);
    }

    /// <summary>
    /// Reads or writes by new threads (one per (task, step) given), all started at once; their exception
    /// port is the controller's, which catches a bad access and ends that thread. The outcomes in order,
    /// joined as the model joins them.
    /// </summary>
    private async Task<VmOutcome> InThreads(MachEnv env, params (PortName Task, VmOp Op)[] accesses)
    {
        var results = new Box[accesses.Length];
        var threads = new PortName[accesses.Length];
        for (var i = 0; i < accesses.Length; i++)
        {
            var (task, op) = accesses[i];
            var result = results[i] = new Box();
            var address = Base + (ulong)op.Address;
            var (created, thread) = await env.ThreadCreate(task, async e =>
            {
                if (op.Kind == VmOpKind.Write)
                {
                    await e.Mem.Write(address, op.Data());
                    result.Set(VmOutcome.Code(KernReturn.Success));
                }
                else
                {
                    result.Set(VmOutcome.Bytes(await e.Mem.Read(address, op.Length)));
                }
                return null;
            }, "op");
            if (created != KernReturn.Success) result.Set(new VmOutcome("thread_create " + created));
            threads[i] = thread;
            await env.ThreadSetSpecialPort(thread, SpecialPorts.Exception, _exceptions);
        }
        foreach (var thread in threads) await env.ThreadResume(thread);
        while (results.Any(r => r.Value is null))
        {
            (PortName Thread, MachException Raised)? caught = null;
            var got = await env.ExceptionServerOnce(_exceptions, request =>
            {
                caught = (request.Thread, request.Exception);
                return Task.FromResult((KernReturn)MigReturn.NoReply); // never answered: the thread is terminated instead
            }, Duration.FromMilliseconds(1));
            if (caught is var (thread, x))
            {
                await env.ThreadTerminate(thread);
                var i = Array.IndexOf(threads, thread);
                if (i >= 0) results[i].Set(x.Type == ExceptionType.BadAccess ? VmOutcome.BadAccess(x.Code, x.Subcode) : new VmOutcome(x.ToString()));
            }
            else if (got is not (MachMsgReturn.Success or MachMsgReturn.RcvTimedOut))
            {
                return new VmOutcome("exception receive " + got);
            }
        }
        var outcomes = results.Select(r => r.Value!).ToArray();
        return outcomes.Length == 1 ? outcomes[0]
            : new VmOutcome(string.Join(" | ", outcomes.Select(o => o.Text)), outcomes.All(o => o.Data is null) ? null : [.. outcomes.SelectMany(o => o.Data ?? [])]);
    }

    private static ulong Address(int page) => Base + ((ulong)page * VmScript.PageSize);

    private static ulong Size(int count) => (ulong)count * VmScript.PageSize;

    /// <summary>The outcome an op thread hands the controller (written by one thread, read by another: volatile).</summary>
    private sealed class Box
    {
        private volatile VmOutcome? _value;

        public VmOutcome? Value => _value;

        public void Set(VmOutcome value) => _value = value;
    }
}
