using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Hardware.Clock;
using MachActors.Hardware.Cpu;
using MachActors.Hardware.Device;
using MachActors.Kernel.Device;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel;

/// <summary>
/// A booted machine, seen from host code: the hardware (CPUs, clock), the kernel's host object, and
/// calls that drive the actor system (start a task, run until the threads are done, read statistics).
/// </summary>
/// <example>
/// <code>
/// using var system = ActorSystem.Create("mach", new ActorSystemOptions { Seed = 7 });
/// var programs = new ProgramRegistry().Register("hello", async (env, args) => await env.Compute(1_000));
/// var machine = Machine.Boot(system, new MachineConfig { CpuCount = 2 }, programs);
/// machine.StartTask("hello");
/// machine.RunUntilThreadsEnd(Duration.FromSeconds(10));
/// </code>
/// </example>
public sealed class Machine
{
    private Machine(ActorSystem system, MachineConfig config, IReadOnlyList<IActorRef> cpus, IActorRef clock, IActorRef host, MachineStatus status, MachineDevices devices)
    {
        Devices = devices.Hardware;
        DeviceServer = devices.Server;
        ConsoleOutput = devices.ConsoleOutput;
        System = system;
        Config = config;
        Cpus = cpus;
        Clock = clock;
        Host = host;
        Status = status;
    }

    private IActorRef? _memoryObjects;

    /// <summary>The actor system the machine runs in.</summary>
    public ActorSystem System { get; }

    /// <summary>The machine's shape.</summary>
    public MachineConfig Config { get; }

    /// <summary>The CPUs, by number.</summary>
    public IReadOnlyList<IActorRef> Cpus { get; }

    /// <summary>The hardware clock.</summary>
    public IActorRef Clock { get; }

    /// <summary>The kernel's host object.</summary>
    public IActorRef Host { get; }

    /// <summary>The devices' hardware actors by device name ("disk0", "console"), as configured.</summary>
    public IReadOnlyDictionary<string, IActorRef> Devices { get; }

    /// <summary>The kernel's device server: device calls (<see cref="DeviceOpen"/> on <see cref="DeviceHandle.Master"/>, ...) go here.</summary>
    public IActorRef DeviceServer { get; }

    /// <summary>Everything the console wrote, in order; null without a console.</summary>
    public RecordingConsoleSink? ConsoleOutput { get; }

    /// <summary>Thread counters and faults.</summary>
    public MachineStatus Status { get; }

    /// <summary>
    /// Boots a machine: CPUs, the kernel (default processor set with every CPU), the clock, then the
    /// devices (disk image files are opened first) and the kernel's device server; with a
    /// <see cref="MachineConfig.SwapDisk"/>, the default pager <paramref name="defaultPager"/> makes on it.
    /// </summary>
    /// <exception cref="ArgumentException">The configuration is invalid, a disk image cannot be used (the message lists every problem), or a swap disk is configured without a default pager.</exception>
    public static Machine Boot(ActorSystem system, MachineConfig config, ProgramRegistry programs, SchedulerOptions? options = null, DefaultPagerFactory? defaultPager = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(programs);
        config = (config ?? throw new ArgumentNullException(nameof(config))).Validated();
        if (config.SwapDisk is not null && defaultPager is null) throw new ArgumentException("a swap disk needs a default pager factory", nameof(defaultPager));
        var stores = MachineDevices.OpenStores(config);
        var cpus = Enumerable.Range(0, config.CpuCount).Select(i => system.Spawn(Props.Create(() => new Cpu(i, config)), "cpu" + i)).ToList();
        var status = new MachineStatus();
        var host = system.Spawn(Props.Create(() => new Kern.Host(config, programs, options ?? new SchedulerOptions(), status, cpus)), "host");
        var clock = system.Spawn(Props.Create(() => new HardwareClock(config, cpus)), "clock");
        var devices = MachineDevices.Spawn(system, config, stores);
        host.Tell(new AttachDeviceMaster(devices.MasterPort)); // before any StartTask: the tasks the host starts get a send right
        if (config.SwapDisk is { } swap && defaultPager is not null)
        {
            host.Tell(new AttachDefaultPager(defaultPager(devices.Hardware[swap], config.Disks.First(d => d.Name == swap), config)));
        }
        return new Machine(system, config, cpus, clock, host, status, devices);
    }

    /// <summary>Starts a task running the registered program <paramref name="program"/> (runs the system until it exists).</summary>
    public TaskStarted StartTask(string program, IReadOnlyList<string>? args = null, string? name = null, int? priority = null) =>
        Call<TaskStarted>(Host, new StartTask(program, args ?? [], name, priority));

    /// <summary>Sends a kernel call from host code and runs the system until it is answered.</summary>
    public T Call<T>(IActorRef kernelObject, KernelRequest request) => kernelObject.Ask<T>(request).GetAwaiter().GetResult();

    /// <summary>Sends a kernel call to a task's object from host code.</summary>
    public T Call<T>(TaskHandle task, KernelRequest request) => Call<T>(task.Ref, request);

    /// <summary>Sends a kernel call to a thread's object from host code.</summary>
    public T Call<T>(ThreadHandle thread, KernelRequest request) => Call<T>(thread.Ref, request);

    /// <summary>Runs until every thread started so far has ended, or <paramref name="within"/> of virtual time passed.</summary>
    public RunResult RunUntilThreadsEnd(Duration? within = null, long? maxSteps = null) =>
        System.RunUntil(() => Status.LiveThreads == 0, within, maxSteps);

    /// <summary>Every CPU's accounting now.</summary>
    public IReadOnlyList<CpuStats> CpuStats() =>
        Cpus.Select(cpu => cpu.Ask<CpuStats>(GetCpuStats.Instance).GetAwaiter().GetResult()).ToList();

    /// <summary>Every thread ever created, with its information now (ended ones as halted).</summary>
    public IReadOnlyList<ThreadBasicInfo> Threads()
    {
        var all = Call<HostThreadsReply>(Host, new HostThreads()).Threads;
        return all.Select(t => Call<ThreadInfoReply>(t, new ThreadInfo()).Info!).ToList();
    }

    /// <summary>
    /// Starts an external pager made from <paramref name="pager"/> (an actor speaking the pager protocol,
    /// docs/VM.md "As built: external pagers"); a pager that throws is stopped, not restarted. Returns its ref.
    /// </summary>
    public IActorRef StartPager(Props pager) => Call<IActorRef>(Host, new StartPager(pager));

    /// <summary>The actor pagers ask for memory object ports (<see cref="MemoryObjectPortCreate"/>).</summary>
    public IActorRef MemoryObjects => _memoryObjects ??= Call<IActorRef>(Host, new HostMemoryObjects());

    /// <summary>The default pager's actor (null without swap), for host code asking its counts.</summary>
    public IActorRef? DefaultPager => Call<HostDefaultPagerReply>(Host, new HostDefaultPager()).Pager;

    /// <summary>Makes a memory object port served by <paramref name="pager"/> for its object <paramref name="key"/> (as the pager would ask itself).</summary>
    public Ipc.PortRef CreateMemoryObject(IActorRef pager, long key) =>
        MemoryObjects.Ask<MemoryObjectPortCreated>(new MemoryObjectPortCreate(key, pager)).GetAwaiter().GetResult().Port;

    /// <summary>Checks a send right to <paramref name="port"/> in with the name server under <paramref name="name"/>, for programs' netname_look_up.</summary>
    public Mig.Interfaces.NetnameReturn PublishPort(string name, Ipc.PortRef port) => Call<Mig.Interfaces.NetnameReturn>(Host, new PublishPort(name, port));

    /// <summary>Stops the hardware clock (so the actor system can become quiescent).</summary>
    public void StopClock() => System.Stop(Clock);
}
