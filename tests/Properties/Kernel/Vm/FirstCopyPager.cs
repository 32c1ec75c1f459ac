using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Default;

namespace MachActors.Tests.Properties.Kernel.Vm;

/// <summary>
/// A seeded bug for property (a), in a test-only pager variant: the default pager, except that a page
/// keeps the contents of its first data_return (a later data_return of the same page is stored with
/// those first bytes), as a pager that writes a page's slot only when it allocates it. Everything
/// else, and every answer, is the real default pager's (a child of this actor).
/// </summary>
public sealed class FirstCopyPager(Props pager) : Actor
{
    private readonly Dictionary<(IActorRef Object, long Offset), ImmutableArray<byte>> _first = [];
    private IActorRef _pager = null!;

    /// <summary>The factory the machine boots this pager with.</summary>
    public static Props Create(IActorRef disk, DiskConfig swap, MachineConfig config) =>
        Props.Create(() => new FirstCopyPager(DefaultPagerBoot.Create(disk, swap, config)));

    /// <summary>Spawns the real default pager.</summary>
    protected override void PreStart() => _pager = Context.Spawn(pager, "default");

    /// <summary>DataReturn: a page's later returns carry its first contents; then (as everything else) forwarded to the default pager.</summary>
    protected override void OnReceive(object message)
    {
        if (message is DataReturn r)
        {
            var page = (r.Control.Object, r.Offset);
            if (_first.TryGetValue(page, out var first)) message = r with { Data = first };
            else _first[page] = r.Data;
        }
        _pager.Tell(message, Sender);
    }
}
