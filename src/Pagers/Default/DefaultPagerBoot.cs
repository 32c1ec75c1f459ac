using MachActors.Actors;
using MachActors.Hardware;
using MachActors.Hardware.Device;

namespace MachActors.Pagers.Default;

/// <summary>The default pager as the machine boots it (<see cref="Kernel.Vm.DefaultPagerFactory"/>): swap is the whole swap disk.</summary>
public static class DefaultPagerBoot
{
    /// <summary>Props of a <see cref="DefaultPager"/> keeping swap on every block of <paramref name="disk"/>, in pages of the machine's size.</summary>
    /// <param name="disk">The swap disk's actor.</param>
    /// <param name="swap">The swap disk's configuration.</param>
    /// <param name="config">The machine.</param>
    public static Props Create(IActorRef disk, DiskConfig swap, MachineConfig config)
    {
        ArgumentNullException.ThrowIfNull(swap);
        ArgumentNullException.ThrowIfNull(config);
        var pagerConfig = new DefaultPagerConfig
        {
            PageSize = config.PageSize,
            BlockSize = swap.Geometry.BlockSize,
            FirstBlock = 0,
            BlockCount = swap.Geometry.BlockCount,
        };
        return Props.Create(() => new DefaultPager(disk, pagerConfig));
    }
}
