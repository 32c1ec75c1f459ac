using MachActors.Actors;
using MachActors.Kernel;
using MachActors.Kernel.Mig.Interfaces;
using MachActors.Kernel.Programs.Workloads;

namespace MachActors.Pagers.Memory;

/// <summary>What the host does for the <c>pager</c> workload (<see cref="PagerWorkload"/>) before its task starts.</summary>
public static class PagerWorkloadBoot
{
    /// <summary>The memory object key the pager is asked to serve.</summary>
    public const long Key = 1;

    /// <summary>
    /// Starts <paramref name="pager"/> (by default a <see cref="MemoryPager"/> answering at once) under the
    /// machine's pager supervisor, makes its memory object <see cref="Key"/> and publishes it as
    /// <see cref="PagerWorkload.MemoryObjectName"/>. Returns the pager's actor.
    /// </summary>
    /// <exception cref="InvalidOperationException">The name server refused the name.</exception>
    public static IActorRef Publish(Machine machine, Props? pager = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var size = machine.Config.PageSize;
        var actor = machine.StartPager(pager ?? Props.Create(() => new MemoryPager(size)));
        var code = machine.PublishPort(PagerWorkload.MemoryObjectName, machine.CreateMemoryObject(actor, Key));
        return code == NetnameReturn.Success ? actor : throw new InvalidOperationException($"publishing the memory object failed: {code}");
    }
}
