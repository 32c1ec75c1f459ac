using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig.Interfaces;
using MachActors.Kernel.User;

namespace MachActors.Tests.Unit.Kernel.Vm.Pagers;

/// <summary>A machine with one test pager whose memory object <see cref="Key"/> is published to the name server as <see cref="Name"/>.</summary>
public sealed class ExternalPagerKit : IDisposable
{
    public const long Key = 7;
    public const string Name = "memory-object";

    public ExternalPagerKit(DispatcherKind dispatcher, Func<PagerLog, int, Props> pager, MachineConfig? config = null)
    {
        Kit = new MachineKit(dispatcher: dispatcher, config: config);
        Pager = Kit.Machine.StartPager(pager(Log, Kit.Machine.Config.PageSize));
        Port = Kit.Machine.CreateMemoryObject(Pager, Key);
        Assert.Equal(NetnameReturn.Success, Kit.Machine.PublishPort(Name, Port));
    }

    public MachineKit Kit { get; }

    public PagerLog Log { get; } = new();

    public IActorRef Pager { get; }

    public PortRef Port { get; }

    public int PageSize => Kit.Machine.Config.PageSize;

    /// <summary>In a program: the memory object's send right from the name server.</summary>
    public static async Task<PortName> LookUp(MachEnv env)
    {
        var (code, port) = await env.NetnameLookUp(await env.NameServer(), Name);
        Assert.Equal(NetnameReturn.Success, code);
        return port;
    }

    /// <summary>In a program: maps <paramref name="pages"/> pages of the memory object anywhere; asserts success.</summary>
    public static async Task<ulong> Map(MachEnv env, int pages, bool copy = false)
    {
        var mo = await LookUp(env);
        var (code, at) = await env.VmMap(env.TaskSelf, 0, (ulong)(pages * env.Machine.PageSize), 0, true, mo, 0, copy);
        Assert.Equal(KernReturn.Success, code);
        return at;
    }

    public void Dispose() => Kit.Dispose();
}
