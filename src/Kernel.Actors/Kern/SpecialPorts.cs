using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Kern;

/// <summary>
/// The special ports a task or thread object holds (spec 4.1, 4.2): each is a send right the object
/// owns (counted at its port), or NULL. Indices are Mach's: KERNEL 1, EXCEPTION 3, BOOTSTRAP 4
/// (tasks only); plus a task's registered ports (at most <see cref="RegisterMax"/>). The kernel never
/// sends to them itself except the exception ports (exception delivery, docs/IPC.md "Exceptions").
/// </summary>
public sealed class SpecialPorts
{
    /// <summary>TASK_KERNEL_PORT / THREAD_KERNEL_PORT.</summary>
    public const int Kernel = 1;

    /// <summary>TASK_EXCEPTION_PORT / THREAD_EXCEPTION_PORT.</summary>
    public const int Exception = 3;

    /// <summary>TASK_BOOTSTRAP_PORT.</summary>
    public const int Bootstrap = 4;

    /// <summary>TASK_PORT_REGISTER_MAX.</summary>
    public const int RegisterMax = 4;

    /// <summary>NAME_SERVER_SLOT in the registered ports.</summary>
    public const int NameServerSlot = 0;

    /// <summary>The right mach_task_self / mach_thread_self reports as the kernel port when replaced (NULL: the object's own port).</summary>
    public CarriedRight KernelReplacement { get; private set; }

    /// <summary>The exception port (a send right, or NULL).</summary>
    public CarriedRight ExceptionPort { get; private set; }

    /// <summary>The bootstrap port (a send right, or NULL).</summary>
    public CarriedRight BootstrapPort { get; private set; }

    /// <summary>The registered ports (send rights or NULL), always <see cref="RegisterMax"/> slots.</summary>
    public ImmutableArray<CarriedRight> Registered { get; private set; } = [.. Enumerable.Repeat(CarriedRight.Null, RegisterMax)];

    /// <summary>The send right in slot <paramref name="which"/> (the object's own port for KERNEL unless replaced); false for an index the object does not have.</summary>
    public bool TryGet(int which, bool task, PortRef own, out CarriedRight right)
    {
        right = which switch
        {
            Kernel => KernelReplacement.HoldsRight ? KernelReplacement : CarriedRight.Send(own),
            Exception => ExceptionPort,
            Bootstrap when task => BootstrapPort,
            _ => CarriedRight.Null,
        };
        return which is Kernel or Exception || (which == Bootstrap && task);
    }

    /// <summary>
    /// Replaces slot <paramref name="which"/> with <paramref name="right"/> (a send right the object now
    /// owns, or NULL); the previous right is released into <paramref name="effects"/>. InvalidArgument
    /// (and <paramref name="right"/> released) for an index the object does not have.
    /// </summary>
    public KernReturn Set(int which, bool task, CarriedRight right, List<IpcEffect> effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        if (right.IsDead) right = CarriedRight.Null;
        CarriedRight previous;
        switch (which)
        {
            case Kernel:
                (previous, KernelReplacement) = (KernelReplacement, right);
                break;
            case Exception:
                (previous, ExceptionPort) = (ExceptionPort, right);
                break;
            case Bootstrap when task:
                (previous, BootstrapPort) = (BootstrapPort, right);
                break;
            default:
                Notifications.Release(right, effects);
                return KernReturn.InvalidArgument;
        }
        Notifications.Release(previous, effects);
        return KernReturn.Success;
    }

    /// <summary>mach_ports_register: at most <see cref="RegisterMax"/> rights (the rest of the slots NULL); InvalidArgument (all released) for more.</summary>
    public KernReturn Register(IReadOnlyList<CarriedRight> rights, List<IpcEffect> effects)
    {
        ArgumentNullException.ThrowIfNull(rights);
        ArgumentNullException.ThrowIfNull(effects);
        if (rights.Count > RegisterMax)
        {
            foreach (var r in rights) Notifications.Release(r, effects);
            return KernReturn.InvalidArgument;
        }
        foreach (var old in Registered) Notifications.Release(old, effects);
        Registered = [.. Enumerable.Range(0, RegisterMax).Select(i => i < rights.Count && !rights[i].IsDead ? rights[i] : CarriedRight.Null)];
        return KernReturn.Success;
    }

    /// <summary>
    /// What a child task inherits (spec 4.1): copies of the bootstrap and exception ports and the
    /// registered ports; the copies are counted at their ports (effects) before the child gets them.
    /// </summary>
    public SpecialPorts Inherit(List<IpcEffect> effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var child = new SpecialPorts { BootstrapPort = Copy(BootstrapPort, effects), ExceptionPort = Copy(ExceptionPort, effects) };
        child.Registered = [.. Registered.Select(r => Copy(r, effects))];
        return child;
    }

    /// <summary>Initial ports of a first task: bootstrap and registered slot 0 are send rights to <paramref name="nameServer"/>, already counted by the caller.</summary>
    public static SpecialPorts ForFirstTask(PortRef? nameServer)
    {
        var ports = new SpecialPorts();
        if (nameServer is null) return ports;
        ports.BootstrapPort = CarriedRight.Send(nameServer);
        ports.Registered = ports.Registered.SetItem(NameServerSlot, CarriedRight.Send(nameServer));
        return ports;
    }

    /// <summary>Releases every right (the object ends).</summary>
    public void ReleaseAll(List<IpcEffect> effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        foreach (var r in Registered.Append(KernelReplacement).Append(ExceptionPort).Append(BootstrapPort)) Notifications.Release(r, effects);
        KernelReplacement = ExceptionPort = BootstrapPort = CarriedRight.Null;
        Registered = [.. Enumerable.Repeat(CarriedRight.Null, RegisterMax)];
    }

    private static CarriedRight Copy(CarriedRight right, List<IpcEffect> effects)
    {
        if (right.Port is { } port) effects.Add(new IpcEffect.Tell(port.Actor, new PortRightsChanged(1, 0, 0)));
        return right;
    }

    /// <summary>Carries out tell effects as <paramref name="self"/>.</summary>
    internal static void Apply(List<IpcEffect> effects, IActorRef? self)
    {
        foreach (var e in effects)
        {
            if (e is IpcEffect.Tell t) t.To.Tell(t.Message, self);
        }
        effects.Clear();
    }
}
