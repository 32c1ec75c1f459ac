using MachActors.Actors;
using MachActors.Hardware;
using MachActors.Hardware.Cpu;
using MachActors.Kernel.Programs;
using MachActors.Kernel.User;

namespace MachActors.Kernel.Kern;

/// <summary>
/// The host object (host port, in Mach): boots the kernel — the default processor set with every
/// CPU — and creates tasks (started by program name, or as children of a task), processor sets, and
/// processor assignments. Keeps the machine-wide registry of threads and the <see cref="MachineStatus"/>.
/// </summary>
public sealed partial class Host : KernelObject
{
    private readonly MachineConfig _config;
    private readonly ProgramRegistry _programs;
    private readonly SchedulerOptions _options;
    private readonly MachineStatus _status;
    private readonly IReadOnlyList<IActorRef> _cpus;
    private readonly List<ProcessorSetHandle> _sets = [];
    private readonly List<ThreadHandle> _threads = [];
    private readonly Dictionary<int, ProcessorSetHandle> _cpuSet = [];
    private KernelServices _services = null!;

    internal Host(MachineConfig config, ProgramRegistry programs, SchedulerOptions options, MachineStatus status, IReadOnlyList<IActorRef> cpus)
    {
        _config = config;
        _programs = programs;
        _options = options;
        _status = status;
        _cpus = cpus;
    }

    /// <summary>Creates the default processor set and attaches every CPU to it.</summary>
    protected override void PreStart()
    {
        var defaultSet = NewSet("default");
        for (var cpu = 0; cpu < _cpus.Count; cpu++)
        {
            _cpuSet[cpu] = defaultSet;
            _cpus[cpu].Tell(new AttachScheduler(defaultSet.Ref), Self);
        }
        CreatePorts();
        var memory = Context.Spawn(Props.Create(() => new Vm.VmResident(_config, _status)), "vm-resident");
        _services = new KernelServices(Self, _config, _programs, Context.System, _status, _port, memory);
    }

    private ProcessorSetHandle NewSet(string name)
    {
        var id = _sets.Count;
        var setRef = Context.Spawn(Props.Create(() => new ProcessorSet(id, name, _config, _options)), "pset-" + id);
        var port = Context.Spawn(Ipc.Port.ForKernelObject(setRef), "pset-" + id + "-port");
        var handle = new ProcessorSetHandle(id, name) { Ref = setRef, Port = new Ipc.PortRef(port.Id.Value, port) };
        _sets.Add(handle);
        return handle;
    }

    /// <summary>
    /// StartTask: a task running a registered program (InvalidArgument for an unknown name or a bad
    /// priority). ProcessorSetCreate, ProcessorAssign (InvalidArgument for a bad CPU or the master CPU 0),
    /// HostProcessorSets, HostThreads. StartPager (spawned under the pager supervisor), HostMemoryObjects, HostDefaultPager,
    /// PublishPort (forwarded to the name server). Replies as each call's record says.
    /// </summary>
    protected override void OnCall(object request, CallerReply reply)
    {
        switch (request)
        {
            case StartTask s:
                Start(s, reply);
                break;
            case ProcessorSetCreate c:
                reply.Send(new ProcessorSetCreated(KernReturn.Success, NewSet(c.Name ?? "pset-" + _sets.Count)), Self);
                break;
            case ProcessorAssign a when a.Cpu <= 0 || a.Cpu >= _cpus.Count || !_sets.Contains(a.Set):
                reply.Send(KernReturn.InvalidArgument, Self);
                break;
            case ProcessorAssign a:
                if (!_cpuSet[a.Cpu].Equals(a.Set)) _cpuSet[a.Cpu].Ref.Tell(new ReleaseCpu(a.Cpu, a.Set.Ref), Self);
                _cpuSet[a.Cpu] = a.Set;
                reply.Send(KernReturn.Success, Self);
                break;
            case ProcessorSetDefault:
                reply.Send(new ProcessorSetCreated(KernReturn.Success, _sets[0]), Self);
                break;
            case HostProcessorSets:
                reply.Send(new ProcessorSetsReply([.. _sets]), Self);
                break;
            case HostThreads:
                reply.Send(new HostThreadsReply([.. _threads]), Self);
                break;
            case StartPager s:
                _pagers ??= Context.Spawn(Props.Create(() => new PagerSupervisor()), "pagers");
                _pagers.Tell(new SpawnPager(s.Pager, reply), Self);
                break;
            case HostMemoryObjects:
                reply.Send(_services.Memory, Self);
                break;
            case HostDefaultPager:
                reply.Send(new HostDefaultPagerReply(_services.DefaultPager), Self);
                break;
            case PublishPort p:
                Forward(_names, p, reply);
                break;
            default:
                reply.Send(CallFailures.For(request, KernReturn.InvalidArgument), Self);
                break;
        }
    }

    private void Start(StartTask s, CallerReply reply)
    {
        var priority = s.Priority ?? SchedConstants.BasePriorityUser;
        if (_programs.Find(s.Program) is not { } program || priority is < SchedConstants.DefaultMaxPriority or >= SchedConstants.Nrqs)
        {
            reply.Send(new TaskStarted(KernReturn.InvalidArgument, null, null), Self);
            return;
        }
        var args = s.Args;
        ThreadBody main = async env =>
        {
            await program(env, args);
            return null;
        };
        SpawnTask(s.Name ?? s.Program, priority, s.Set ?? _sets[0], new TaskStartSpec(reply, main, s.Program, _deviceMaster), FirstTaskPorts());
    }

    private void SpawnTask(string name, int priority, ProcessorSetHandle set, TaskStartSpec start, SpecialPorts ports) =>
        Context.Spawn(Props.Create(() => new MachTask(name, priority, set, _services, start, ports)));

    /// <summary>
    /// CreateChildTask (task_create from a task). ThreadRegistered: the machine-wide registry of
    /// threads. (Faults are recorded in the status by the faulting thread's object.) AttachDefaultPager
    /// (at boot, before any task): spawns the default pager, gives it to the tasks started from now on and
    /// enables the paging daemon; a second one is ignored.
    /// </summary>
    protected override void OnOther(object message)
    {
        switch (message)
        {
            case CreateChildTask c:
                SpawnTask(c.Name, c.Priority, c.Set, new TaskStartSpec(c.Reply, null, "", Space: c.Space) { Emulation = c.Emulation }, c.Ports);
                break;
            case ThreadRegistered r:
                _threads.Add(r.Thread);
                break;
            case ThreadEnded:
                break;
            case AttachDeviceMaster attach:
                _deviceMaster = attach.Port;
                break;
            case AttachDefaultPager pager when _services.DefaultPager is null:
                var spawned = Context.Spawn(pager.Pager, "default-pager");
                _services = _services with { DefaultPager = spawned };
                _services.Memory.Tell(new Vm.EnablePaging(spawned), Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
