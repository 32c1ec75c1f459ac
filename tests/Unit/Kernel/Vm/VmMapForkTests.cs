using MachActors.Kernel;
using MachActors.Kernel.Vm;
using static MachActors.Tests.Unit.Kernel.Vm.VmMapKit;

namespace MachActors.Tests.Unit.Kernel.Vm;

public sealed class VmMapForkTests
{
    [Fact]
    public void ForkInto_InheritNone_ChildHasHole()
    {
        var (parent, child) = NewPair();
        Alloc(parent, 2 * P, 2 * P);
        MapObject(parent, 6 * P, 1, 7);
        parent.Inherit(2 * P, 2 * P, VmInherit.None);
        parent.Inherit(6 * P, P, VmInherit.None);
        parent.TakeEffects();

        Assert.Equal(KernReturn.Success, parent.ForkInto(child));

        Assert.Equal(0, child.Count);
        Assert.Empty(child.TakeEffects());
        Assert.Empty(parent.TakeEffects());
    }

    [Fact]
    public void ForkInto_ShareObject_BothNameItSharedAndChildReferencesIt()
    {
        var (parent, child) = NewPair();
        var obj = MapObject(parent, 2 * P, 2, 7);
        parent.Inherit(2 * P, 2 * P, VmInherit.Share);
        parent.TakeEffects();

        Assert.Equal(KernReturn.Success, parent.ForkInto(child));

        var p = Assert.Single(parent.Entries);
        var c = Assert.Single(child.Entries);
        Assert.Equal(p, c);
        Assert.True(c.Shared);
        Assert.False(c.NeedsCopy);
        Assert.Equal(obj, c.Object);
        Assert.Empty(parent.TakeEffects());
        Assert.Equal([new VmMapEffect.ObjectReferenced(obj)], child.TakeEffects());
    }

    [Fact]
    public void ForkInto_ShareUnmaterialised_CreatesObjectInParent()
    {
        var (parent, child) = NewPair();
        Alloc(parent, 2 * P, 3 * P);
        parent.Inherit(2 * P, 3 * P, VmInherit.Share);

        parent.ForkInto(child);

        var made = new VmObjectRef(1000);
        Assert.Equal([new VmMapEffect.ObjectCreated(made, 3 * P)], parent.TakeEffects());
        Assert.Equal([new VmMapEffect.ObjectReferenced(made)], child.TakeEffects());
        Assert.Equal((made, true), (parent.Entries[0].Object, parent.Entries[0].Shared));
        Assert.Equal(parent.Entries, child.Entries);
    }

    [Fact]
    public void ForkInto_ShareNeedsCopy_ShadowsFirstAndReleasesOriginal()
    {
        var (parent, grandchild) = NewPair();
        var child = new VmMap(P, 0x100000, (int)P, () => 2000);
        var obj = MapObject(parent, 2 * P, 1, 7);
        parent.ForkInto(child); // Copy: parent entry now needs-copy
        parent.Inherit(2 * P, P, VmInherit.Share);
        parent.TakeEffects();

        parent.ForkInto(grandchild);

        var shadow = new VmObjectRef(1000);
        Assert.Equal(
            [new VmMapEffect.ShadowCreated(shadow, obj, 0, P), new VmMapEffect.ObjectReleased(obj)],
            parent.TakeEffects());
        var e = Assert.Single(parent.Entries);
        Assert.Equal((shadow, false, true), (e.Object, e.NeedsCopy, e.Shared));
        Assert.Equal(shadow, grandchild.Entries[0].Object);
    }

    [Fact]
    public void ForkInto_CopyOfMappedMemoryObject_CopyObjectAndParentStillShares()
    {
        var (map, child) = NewPair();
        var memoryObject = new VmObjectRef(7) { External = true };
        Assert.Equal(KernReturn.Success, map.Map(2 * P, P, 0, false, memoryObject, 0, false, VmProt.Read | VmProt.Write, VmProt.All, VmInherit.Copy, out _));
        map.TakeEffects();

        Assert.Equal(KernReturn.Success, map.ForkInto(child));

        Assert.Equal((memoryObject, true, false), (map.Entries[0].Object, map.Entries[0].Shared, map.Entries[0].NeedsCopy));
        Assert.Empty(map.TakeEffects()); // no write-protect: the parent keeps writing the object
        var copy = Assert.Single(child.TakeEffects().OfType<VmMapEffect.CopyCreated>());
        Assert.Equal((memoryObject, child.Entries[0].Object), (copy.Source, copy.Copy));
        Assert.False(child.Entries[0].Shared);
    }

    [Fact]
    public void ForkInto_CopyPrivateObject_BothNeedsCopyAndParentWriteProtected()
    {
        var (parent, child) = NewPair();
        var obj = MapObject(parent, 2 * P, 2, 7, VmProt.All);
        parent.TakeEffects();

        Assert.Equal(KernReturn.Success, parent.ForkInto(child));

        Assert.True(parent.Entries[0].NeedsCopy);
        Assert.True(child.Entries[0].NeedsCopy);
        Assert.Equal(obj, child.Entries[0].Object);
        Assert.Equal(VmProt.All, parent.Entries[0].Protection); // the entry keeps its protection; only the pmap loses write
        Assert.Equal([new VmMapEffect.PmapProtect(2 * P, 4 * P, VmProt.Read | VmProt.Execute)], parent.TakeEffects());
        Assert.Equal([new VmMapEffect.ObjectReferenced(obj)], child.TakeEffects());
    }

    [Fact]
    public void ForkInto_CopyAlreadyNeedsCopyOrReadOnly_NoSecondWriteProtect()
    {
        var (parent, child) = NewPair();
        var second = new VmMap(P, 0x100000, (int)P, () => 3000);
        MapObject(parent, 2 * P, 1, 7);
        MapObject(parent, 4 * P, 1, 8, VmProt.Read);
        parent.ForkInto(child);
        parent.TakeEffects();

        parent.ForkInto(second);

        Assert.Empty(parent.TakeEffects());
        Assert.All(second.Entries, e => Assert.True(e.NeedsCopy));
    }

    [Fact]
    public void ForkInto_CopyUnmaterialised_ChildGetsFreshZeroFill()
    {
        var (parent, child) = NewPair();
        Alloc(parent, 2 * P, 2 * P);

        parent.ForkInto(child);

        var c = Assert.Single(child.Entries);
        Assert.Equal((null, false, 2 * P, 4 * P), (c.Object, c.NeedsCopy, c.Start, c.End));
        Assert.Empty(parent.TakeEffects());
        Assert.Empty(child.TakeEffects());
    }

    [Fact]
    public void ForkInto_CopySharedObject_ChildGetsCopyObjectParentUntouched()
    {
        var (parent, child) = NewPair();
        var third = new VmMap(P, 0x100000, (int)P, () => 3000);
        var obj = MapObject(parent, 2 * P, 1, 7);
        parent.Inherit(2 * P, P, VmInherit.Share);
        parent.ForkInto(third); // now shared
        parent.Inherit(2 * P, P, VmInherit.Copy);
        parent.TakeEffects();

        parent.ForkInto(child);

        var made = new VmObjectRef(1000);
        Assert.Empty(parent.TakeEffects());
        Assert.Equal([new VmMapEffect.CopyCreated(made, obj, 0, P)], child.TakeEffects());
        Assert.Equal((made, false, false), (child.Entries[0].Object, child.Entries[0].Shared, child.Entries[0].NeedsCopy));
        Assert.True(parent.Entries[0].Shared);
    }

    [Fact]
    public void ForkInto_MixedInheritance_ChildLayoutFollowsEach()
    {
        var (parent, child) = NewPair();
        Alloc(parent, 2 * P, 6 * P);
        parent.Inherit(4 * P, 2 * P, VmInherit.None);
        parent.Inherit(6 * P, 2 * P, VmInherit.Share);

        parent.ForkInto(child);

        Assert.Equal([(2 * P, 4 * P, false), (6 * P, 8 * P, true)], child.Entries.Select(e => (e.Start, e.End, e.Shared)));
    }

    [Fact]
    public void ForkInto_BadChild_InvalidArgument()
    {
        var (parent, child) = NewPair();
        Alloc(parent, 2 * P, P);
        Alloc(child, 2 * P, P);

        Assert.Equal(KernReturn.InvalidArgument, parent.ForkInto(child));
        Assert.Equal(KernReturn.InvalidArgument, parent.ForkInto(parent));
        Assert.Equal(KernReturn.InvalidArgument, parent.ForkInto(NewMap(P, 0x200000)));
        Assert.False(parent.Entries[0].NeedsCopy);
    }
}
