using FsCheck;
using FsCheck.Fluent;
using MachActors.Hardware;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>How a client sends one message.</summary>
public enum SendKind
{
    /// <summary>A normal send without a timeout: blocks while the queue is full.</summary>
    Blocking,

    /// <summary>A normal send with a zero timeout: SendTimedOut at once when the queue is full.</summary>
    Poll,

    /// <summary>A normal send with a nonzero timeout: blocks at most that long.</summary>
    Timed,

    /// <summary>A send through a send-once right: never blocks, the queue limit does not apply.</summary>
    SendOnce,
}

/// <summary>How a client task's threads get their rights to the server's ports.</summary>
public enum RightsRoute
{
    /// <summary>The threads live in the server's task and make their send rights with mach_port_insert_right (MAKE_SEND) in their own space.</summary>
    Own,

    /// <summary>The server registers its ports (mach_ports_register) before task_create; the child inherits them and looks them up.</summary>
    Inherited,

    /// <summary>The threads ask the server's distribution port and get their rights in the reply message.</summary>
    Message,
}

/// <summary>One message: to port <paramref name="Port"/> (modulo the port count), after computing <paramref name="Cycles"/>, sent as <paramref name="Kind"/>.</summary>
public sealed record ClientMsg(int Port, SendKind Kind, int TimeoutUs, int Cycles)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{(Cycles > 0 ? $"c{Cycles} " : "")}{Kind switch { SendKind.Blocking => "b", SendKind.Poll => "p", SendKind.Timed => $"t{TimeoutUs}us", _ => "o" }}>{Port}";
}

/// <summary>A client task (or the group of client threads in the server's task) and its threads' messages.</summary>
public sealed record ClientTask(RightsRoute Route, ClientMsg[][] Threads)
{
    /// <inheritdoc />
    public override string ToString() => $"{Route}[{string.Join(" | ", Threads.Select(t => string.Join(' ', (object[])t)))}]";
}

/// <summary>
/// A generated IPC machine workload: <paramref name="Cpus"/> CPUs; a server (the main thread of the
/// first task) holding the receive rights of <paramref name="Ports"/> ports (1 or 2) with queue limit
/// <paramref name="QLimit"/>, all in a port set when <paramref name="UseSet"/> (always with 2 ports);
/// client tasks whose threads send their messages and then one last blocking message to every port;
/// the server computes <paramref name="Delays"/>[i % n] cycles before its i-th receive and looks at
/// the ports' status and the clients' run states before every <paramref name="PollEvery"/>-th one.
/// Shrinks only remove or shorten, so any shrink is still a valid workload.
/// </summary>
public sealed record MachineIpcWorkload(int Cpus, int CyclesPerTick, int Ports, bool UseSet, int QLimit, int PollEvery, int[] Delays, ClientTask[] Tasks)
{
    /// <summary>The machine (1 MHz: a cycle is a microsecond).</summary>
    public MachineConfig Config => new() { CpuCount = Cpus, ClockHz = KernelWorkload.ClockHz, CyclesPerTick = CyclesPerTick };

    /// <summary>Whether the server receives on a port set.</summary>
    public bool ReceivesOnSet => UseSet || Ports > 1;

    /// <summary>Every client thread: its task index, the task's route and its messages (port indices reduced modulo the port count), in creation order.</summary>
    public IReadOnlyList<(int Task, RightsRoute Route, ClientMsg[] Msgs)> Threads =>
        [.. Tasks.SelectMany((t, k) => t.Threads.Select(m => (k, t.Route, m.Select(x => x with { Port = x.Port % Ports }).ToArray())))];

    /// <summary>Whether client thread <paramref name="thread"/> asks the distribution port for rights (its route is Message, or it needs send-once rights from another task).</summary>
    public bool NeedsDistribution(int thread)
    {
        var (_, route, msgs) = Threads[thread];
        return route == RightsRoute.Message || (route == RightsRoute.Inherited && msgs.Any(m => m.Kind == SendKind.SendOnce));
    }

    private static Gen<ClientMsg> MsgGen(int weightOnce) =>
        from port in Gen.Choose(0, 1)
        from kind in Gen.Frequency((6, Gen.Constant(SendKind.Blocking)), (2, Gen.Constant(SendKind.Poll)), (2, Gen.Constant(SendKind.Timed)),
            (weightOnce, Gen.Constant(SendKind.SendOnce)))
        from timeout in Gen.Choose(50, 4_000)
        from cycles in Gen.Frequency((3, Gen.Constant(0)), (4, Gen.Choose(50, 1_500)), (1, Gen.Choose(1_500, 8_000)))
        select new ClientMsg(port, kind, timeout, cycles);

    /// <summary>
    /// 1-4 CPUs; 1-2 ports, qlimit 1-4; 1-4 client tasks (routes Own, Inherited, Message) of 1-3
    /// threads with 1-8 messages each; server delays of 0-6,000 cycles; a look every 1-3 receives.
    /// </summary>
    public static Gen<MachineIpcWorkload> Generator(int weightOnce = 1) =>
        from cpus in Gen.Choose(1, 4)
        from tick in KernelWorkload.TickCycles
        from ports in Gen.Choose(1, 2)
        from useSet in Gen.Elements(false, true)
        from qlimit in Gen.Frequency((3, Gen.Choose(1, 2)), (1, Gen.Choose(3, 4)))
        from poll in Gen.Choose(1, 3)
        from delays in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(100, 6_000))), n))
        from tasks in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(
            from route in Gen.Frequency((1, Gen.Constant(RightsRoute.Own)), (2, Gen.Constant(RightsRoute.Inherited)), (2, Gen.Constant(RightsRoute.Message)))
            from threads in Gen.Choose(1, 3).SelectMany(k => Gen.ArrayOf(Gen.Choose(1, 8).SelectMany(m => Gen.ArrayOf(MsgGen(weightOnce), m)), k))
            select new ClientTask(route, threads), n))
        select new MachineIpcWorkload(cpus, tick, ports, useSet, qlimit, poll, delays, tasks);

    /// <summary>Workloads that shrink toward fewer CPUs, tasks, threads and messages, simpler sends and shorter computations.</summary>
    public static Arbitrary<MachineIpcWorkload> Arbitrary(int weightOnce = 1) => Arb.From(Generator(weightOnce), Shrinks);

    private static IEnumerable<MachineIpcWorkload> Shrinks(MachineIpcWorkload w)
    {
        if (w.Cpus > 1) yield return w with { Cpus = w.Cpus - 1 };
        foreach (var tasks in Shrink.Remove(w.Tasks)) if (tasks.Length > 0) yield return w with { Tasks = tasks };
        for (var k = 0; k < w.Tasks.Length; k++)
        {
            foreach (var threads in Shrink.Remove(w.Tasks[k].Threads)) if (threads.Length > 0) yield return WithTask(w, k, w.Tasks[k] with { Threads = threads });
            for (var i = 0; i < w.Tasks[k].Threads.Length; i++)
            {
                foreach (var msgs in Shrink.Remove(w.Tasks[k].Threads[i]))
                {
                    if (msgs.Length == 0) continue;
                    var threads = (ClientMsg[][])w.Tasks[k].Threads.Clone();
                    threads[i] = msgs;
                    yield return WithTask(w, k, w.Tasks[k] with { Threads = threads });
                }
            }
        }
        if (w.Ports > 1) yield return w with { Ports = 1 };
        if (w.PollEvery > 1) yield return w with { PollEvery = 1 };
        foreach (var delays in Shrink.Remove(w.Delays)) if (delays.Length > 0) yield return w with { Delays = delays };
        if (w.Tasks.Any(t => t.Threads.Any(m => m.Any(x => x.Cycles > 0))))
        {
            yield return w with { Tasks = [.. w.Tasks.Select(t => t with { Threads = [.. t.Threads.Select(m => m.Select(x => x with { Cycles = x.Cycles / 2 }).ToArray())] })] };
        }
    }

    private static MachineIpcWorkload WithTask(MachineIpcWorkload w, int k, ClientTask task)
    {
        var tasks = (ClientTask[])w.Tasks.Clone();
        tasks[k] = task;
        return w with { Tasks = tasks };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"IpcWorkload(cpus={Cpus}, tick={CyclesPerTick / 1000}ms, ports={Ports}{(ReceivesOnSet ? " in a set" : "")}, qlimit={QLimit}, "
        + $"look every {PollEvery}, delays=[{string.Join(' ', Delays)}], {string.Join(", ", Tasks.Select((t, k) => $"T{k}={t}"))})";
}
