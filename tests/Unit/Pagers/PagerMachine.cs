using System.Globalization;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Mig.Interfaces;
using MachActors.Kernel.User;
using MachActors.Pagers.Sdk;
using MachActors.Tests.Unit.Kernel;

namespace MachActors.Tests.Unit.Pagers;

/// <summary>
/// A machine with one pager under test whose memory objects (one per key given) are published to the name
/// server as <see cref="NameOf"/>(key), for the example pagers' whole-machine tests.
/// </summary>
public sealed class PagerMachine : IDisposable
{
    public PagerMachine(DispatcherKind dispatcher, Func<int, Pager> pager, MachineConfig? config = null, params long[] keys)
    {
        Kit = new MachineKit(dispatcher: dispatcher, config: config);
        var size = Kit.Machine.Config.PageSize;
        PagerActor = Kit.Machine.StartPager(Props.Create(() => pager(size)));
        foreach (var key in keys.Length == 0 ? [1L] : keys)
        {
            Assert.Equal(NetnameReturn.Success, Kit.Machine.PublishPort(NameOf(key), Kit.Machine.CreateMemoryObject(PagerActor, key)));
        }
    }

    public MachineKit Kit { get; }

    public IActorRef PagerActor { get; }

    public int PageSize => Kit.Machine.Config.PageSize;

    public static string NameOf(long key) => string.Create(CultureInfo.InvariantCulture, $"object-{key}");

    /// <summary>In a program: maps <paramref name="pages"/> pages of memory object <paramref name="key"/> anywhere; asserts success.</summary>
    public static async Task<ulong> Map(MachEnv env, int pages, long key = 1)
    {
        var (found, port) = await env.NetnameLookUp(await env.NameServer(), NameOf(key));
        Assert.Equal(NetnameReturn.Success, found);
        var (code, at) = await env.VmMap(env.TaskSelf, 0, (ulong)(pages * env.Machine.PageSize), 0, true, port, 0, false);
        Assert.Equal(KernReturn.Success, code);
        return at;
    }

    /// <summary>Runs every program to its end, then lets the machine settle (the last unmap's data_returns and terminate reach the pager).</summary>
    public void RunToEnd()
    {
        Kit.RunToEnd();
        Kit.RunFor(MachineKit.Ms(50));
    }

    /// <summary>The pager's answer to <paramref name="query"/>.</summary>
    public T Ask<T>(object query) => PagerActor.Ask<T>(query).GetAwaiter().GetResult();

    public void Dispose() => Kit.Dispose();
}
