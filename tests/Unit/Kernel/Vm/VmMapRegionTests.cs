using MachActors.Kernel;
using MachActors.Kernel.Vm;
using static MachActors.Tests.Unit.Kernel.Vm.VmMapKit;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>VmMap: vm_region, vm_map, coalescing, address-space limits and construction.</summary>
public sealed class VmMapRegionTests
{
    [Fact]
    public void Region_WalksEntriesInOrderThenNoSpace()
    {
        var map = NewMap();
        Alloc(map, 2 * P, P);
        var obj = MapObject(map, 5 * P, 2, 9, VmProt.Read);
        map.Inherit(5 * P, 2 * P, VmInherit.None);

        var seen = new List<VmRegionInfo>();
        ulong at = 0;
        while (map.Region(at, out var r) == KernReturn.Success)
        {
            seen.Add(r!);
            at = r!.Start + r.Size;
        }

        Assert.Equal(
            [new VmRegionInfo(2 * P, P, VmProt.Read | VmProt.Write, VmProt.All, VmInherit.Copy, false, 0, 0),
             new VmRegionInfo(5 * P, 2 * P, VmProt.Read, VmProt.All, VmInherit.None, false, obj.Id, 0)],
            seen);
        Assert.Equal(KernReturn.NoSpace, map.Region(at, out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Region_AddressInsideEntry_ReportsThatEntry()
    {
        var map = NewMap();
        Alloc(map, 2 * P, 3 * P);
        Assert.Equal(KernReturn.Success, map.Region(3 * P + 9, out var r));
        Assert.Equal(2 * P, r!.Start);
    }

    [Fact]
    public void Map_Object_EntryAtOffsetWithAttributesAndReference()
    {
        var map = NewMap();
        var obj = new VmObjectRef(5);

        Assert.Equal(KernReturn.Success, map.Map(0, 2 * P, 0, true, obj, 4 * P, false, VmProt.All, VmProt.Read, VmInherit.Share, out var at));

        var e = Assert.Single(map.Entries);
        Assert.Equal((at, obj, 4 * P, VmProt.Read, VmProt.Read, VmInherit.Share, false), (e.Start, e.Object, e.Offset, e.Protection, e.MaxProtection, e.Inheritance, e.NeedsCopy));
        Assert.Equal([new VmMapEffect.ObjectReferenced(obj)], map.TakeEffects());
    }

    [Fact]
    public void Map_AnywhereWithMask_AlignsStart()
    {
        var map = NewMap();
        Alloc(map, P, P);

        Assert.Equal(KernReturn.Success, map.Map(0, P, (4 * P) - 1, true, null, 0, false, VmProt.Read, VmProt.All, VmInherit.Copy, out var at));

        Assert.Equal(4 * P, at);
    }

    [Fact]
    public void Map_Copy_MapsANewObjectMadeByStrategy()
    {
        var map = NewMap();
        var obj = new VmObjectRef(5);

        Assert.Equal(KernReturn.Success, map.Map(3 * P, 2 * P, 0, false, obj, P, true, VmProt.Read, VmProt.All, VmInherit.Copy, out _));

        var e = Assert.Single(map.Entries);
        Assert.Equal(1000, e.Object!.Id);
        Assert.Equal([new VmMapEffect.CopyCreated(new VmObjectRef(1000), obj, P, 2 * P)], map.TakeEffects());
        Assert.False(map.Names(obj));
    }

    [Fact]
    public void Map_BadArguments_InvalidArgument()
    {
        var map = NewMap();
        var obj = new VmObjectRef(5);

        Assert.Equal(KernReturn.InvalidArgument, map.Map(0, 0, 0, true, obj, 0, false, VmProt.Read, VmProt.All, VmInherit.Copy, out _));
        Assert.Equal(KernReturn.InvalidArgument, map.Map(0, P, 0, true, obj, 1, false, VmProt.Read, VmProt.All, VmInherit.Copy, out _));
        Assert.Equal(KernReturn.InvalidArgument, map.Map(0, P, 0, true, obj, 0, false, (VmProt)9, VmProt.All, VmInherit.Copy, out _));
        Assert.Equal(KernReturn.InvalidArgument, map.Map(0, P, 0, true, obj, 0, false, VmProt.Read, VmProt.All, (VmInherit)7, out _));
        Assert.Equal(KernReturn.InvalidArgument, map.Map(0, 2 * P, 0, true, obj, ulong.MaxValue - P + 1, false, VmProt.Read, VmProt.All, VmInherit.Copy, out _));
        Assert.Equal(0, map.Count);
        Assert.Empty(map.TakeEffects());
    }

    [Fact]
    public void Map_SameObjectTwice_OneReferenceAndContiguousPiecesCoalesce()
    {
        var map = NewMap();
        var obj = new VmObjectRef(5);
        map.Map(2 * P, P, 0, false, obj, 0, false, VmProt.Read, VmProt.All, VmInherit.Copy, out _);
        map.Map(3 * P, P, 0, false, obj, P, false, VmProt.Read, VmProt.All, VmInherit.Copy, out _);
        map.Map(5 * P, P, 0, false, obj, 0, false, VmProt.Read, VmProt.All, VmInherit.Copy, out _);

        Assert.Equal([(2 * P, 4 * P), (5 * P, 6 * P)], map.Entries.Select(e => (e.Start, e.End)));
        Assert.Equal([new VmMapEffect.ObjectReferenced(obj)], map.TakeEffects());
    }

    [Fact]
    public void Coalesce_DifferentObjectOffsets_StaySeparate()
    {
        var map = NewMap();
        var obj = new VmObjectRef(5);
        map.Map(2 * P, P, 0, false, obj, 3 * P, false, VmProt.Read, VmProt.All, VmInherit.Copy, out _);
        map.Map(3 * P, P, 0, false, obj, 0, false, VmProt.Read, VmProt.All, VmInherit.Copy, out _);

        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void TopOfAddressSpace_ArithmeticNeverWraps()
    {
        const ulong top = ulong.MaxValue - P + 1; // the last page-aligned address
        var map = NewMap(top - (4 * P), top);

        Assert.Equal(KernReturn.Success, map.Allocate(top - P, P, false, out var last));
        Assert.Equal(top - P, last);
        Assert.Equal(KernReturn.InvalidAddress, map.Allocate(top - P, 2 * P, false, out _));
        Assert.Equal(KernReturn.NoSpace, map.Allocate(0, ulong.MaxValue, true, out _));
        Assert.Equal(KernReturn.NoSpace, map.Allocate(ulong.MaxValue, 4 * P, true, out _));
        Assert.Equal(KernReturn.Success, map.Allocate(ulong.MaxValue, 3 * P, true, out var low)); // hint past the top wraps to Min
        Assert.Equal(top - (4 * P), low);
        Assert.Equal(KernReturn.InvalidArgument, map.Protect(top - P, 2 * P, false, VmProt.Read));
        Assert.Equal(KernReturn.Success, map.Protect(top - P, P - 1, false, VmProt.Read));
        Assert.Equal(KernReturn.Success, map.Region(top - 1, out var r));
        Assert.Equal(top - P, r!.Start);
        Assert.Equal(KernReturn.InvalidAddress, map.CopyIn(top - P, 2 * P, out _));
        Assert.Equal(KernReturn.Success, map.Deallocate(top - (4 * P), 4 * P));
        Assert.Equal(0, map.Count);
    }

    [Fact]
    public void VmAddress_RoundingNearTop_ReportsOverflow()
    {
        Assert.True(VmAddress.TryRoundPage(ulong.MaxValue - P + 1, (int)P, out var r));
        Assert.Equal(ulong.MaxValue - P + 1, r);
        Assert.False(VmAddress.TryRoundPage(ulong.MaxValue - P + 2, (int)P, out _));
        Assert.False(VmAddress.TryPageRange(P, ulong.MaxValue, (int)P, out _, out _));
        Assert.Equal(2 * P, VmAddress.TruncPage((2 * P) + 17, (int)P));
    }

    [Fact]
    public void Constructor_BadBoundsOrPageSize_Throws()
    {
        Assert.Throws<ArgumentException>(() => new VmMap(P, P, (int)P, () => 1));
        Assert.Throws<ArgumentException>(() => new VmMap(1, 2 * P, (int)P, () => 1));
        Assert.Throws<ArgumentException>(() => new VmMap(P, 2 * P, 3000, () => 1));
    }

    [Fact]
    public void ForTask_UsesMachinePageSizeAndLeavesPageZeroUnmapped()
    {
        var map = VmMap.ForTask(new MachActors.Hardware.MachineConfig { PageSize = 8192 }, () => 1);
        Assert.Equal((8192UL, 1UL << 32, 8192), (map.Min, map.Max, map.PageSize));
    }
}
