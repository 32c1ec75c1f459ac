using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>The plain registry of memory object ports: binding, the one VM object, and forgetting a dead pager's ports.</summary>
public sealed class MemoryObjectRegistryTests : global::MachActors.Actors.TestKit.TestKit
{
    [Fact]
    public void PagerDied_ItsPortsForgottenOthersKept()
    {
        var registry = new MemoryObjectRegistry();
        var dead = CreateTestProbe().Ref;
        var alive = CreateTestProbe().Ref;
        PortRef Port(long id) => new(id, TestActor);
        Assert.Equal(KernReturn.Success, registry.Register(Port(1), dead, 10));
        Assert.Equal(KernReturn.Success, registry.Register(Port(2), alive, 20));
        Assert.Equal(KernReturn.Success, registry.Register(Port(3), dead, 30));
        Assert.NotNull(registry.Resolve(1, e => new VmObjectRef(100, TestActor)));

        var gone = registry.PagerDied(dead);

        Assert.Equal([1L, 3L], gone.Select(e => e.Port.Id));
        Assert.Null(registry.Resolve(1, e => new VmObjectRef(101, TestActor))); // vm_map finds no memory object: InvalidArgument
        Assert.Null(registry.Find(3));
        Assert.Equal(20, registry.Find(2)!.Key);
        Assert.Equal(1, registry.Count);
        Assert.Empty(registry.PagerDied(dead));
    }
}
