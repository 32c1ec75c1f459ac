using MachActors.Kernel;
using MachActors.Kernel.Vm;
using static MachActors.Tests.Unit.Kernel.Vm.VmMapKit;

namespace MachActors.Tests.Unit.Kernel.Vm;

public sealed class VmMapCallTests
{
    [Fact]
    public void Allocate_Anywhere_FirstFitFromMinWithDefaults()
    {
        var map = NewMap();

        Assert.Equal(KernReturn.Success, map.Allocate(0, 1, true, out var at));

        Assert.Equal(P, at);
        var e = Assert.Single(map.Entries);
        Assert.Equal((P, 2 * P, VmProt.Read | VmProt.Write, VmProt.All, VmInherit.Copy), (e.Start, e.End, e.Protection, e.MaxProtection, e.Inheritance));
        Assert.Null(e.Object);
        Assert.False(e.NeedsCopy);
        Assert.Empty(map.TakeEffects());
    }

    [Fact]
    public void Allocate_AnywhereWithHint_TakesFirstHoleAtOrAfterHintThenWraps()
    {
        var map = NewMap(P, 8 * P);
        Alloc(map, 3 * P, P);
        Alloc(map, 5 * P, 3 * P);

        Assert.Equal(4 * P, Alloc(map, 3 * P, P, anywhere: true));
        Assert.Equal(P, Alloc(map, 6 * P, 2 * P, anywhere: true)); // nothing after the hint: from Min
        Assert.Equal(KernReturn.NoSpace, map.Allocate(0, P, true, out var none));
        Assert.Equal(0UL, none);
    }

    [Fact]
    public void Allocate_FixedOverlapping_NoSpaceAndNothingChanges()
    {
        var map = NewMap();
        Alloc(map, 4 * P, 2 * P);

        Assert.Equal(KernReturn.NoSpace, map.Allocate(5 * P, P, false, out _));
        Assert.Equal(KernReturn.NoSpace, map.Allocate(3 * P, 2 * P, false, out _));
        Assert.Single(map.Entries);
    }

    [Fact]
    public void Allocate_FixedOutsideBounds_InvalidAddress()
    {
        var map = NewMap(P, 16 * P);

        Assert.Equal(KernReturn.InvalidAddress, map.Allocate(0, P, false, out _));
        Assert.Equal(KernReturn.InvalidAddress, map.Allocate(15 * P, 2 * P, false, out _));
        Assert.Equal(KernReturn.InvalidAddress, map.Allocate(16 * P, P, false, out _));
        Assert.Equal(KernReturn.Success, map.Allocate(15 * P, P, false, out _));
    }

    [Fact]
    public void Allocate_FixedUnaligned_TruncatesAddressAndRoundsSize()
    {
        var map = NewMap();

        Assert.Equal(KernReturn.Success, map.Allocate(3 * P + 5, P + 1, false, out var at));

        Assert.Equal(3 * P, at);
        Assert.Equal(5 * P, map.Entries[0].End);
    }

    [Fact]
    public void Allocate_ZeroSize_SuccessAtZeroWithNoEntry()
    {
        var map = NewMap();
        Assert.Equal(KernReturn.Success, map.Allocate(4 * P, 0, false, out var at));
        Assert.Equal(0UL, at);
        Assert.Equal(0, map.Count);
    }

    [Fact]
    public void Allocate_Adjacent_CoalescesIntoOneEntry()
    {
        var map = NewMap();
        Alloc(map, 2 * P, P);
        Alloc(map, 4 * P, P);
        Alloc(map, 3 * P, P);

        var e = Assert.Single(map.Entries);
        Assert.Equal((2 * P, 5 * P), (e.Start, e.End));
    }

    [Fact]
    public void Deallocate_MiddleOfEntry_ClipsAndLeavesBothEnds()
    {
        var map = NewMap();
        Alloc(map, 2 * P, 6 * P);

        Assert.Equal(KernReturn.Success, map.Deallocate(4 * P, 2 * P));

        Assert.Equal([(2 * P, 4 * P), (6 * P, 8 * P)], map.Entries.Select(e => (e.Start, e.End)));
        Assert.Equal([new VmMapEffect.PmapRemove(4 * P, 6 * P)], map.TakeEffects());
    }

    [Fact]
    public void Deallocate_AcrossHolesAndUnalignedEdges_RemovesCoveredPages()
    {
        var map = NewMap();
        Alloc(map, 2 * P, P);
        Alloc(map, 5 * P, 3 * P);

        Assert.Equal(KernReturn.Success, map.Deallocate(P + 7, 5 * P)); // bytes up to 6P + 7: pages 1..6

        Assert.Equal([(7 * P, 8 * P)], map.Entries.Select(e => (e.Start, e.End)));
    }

    [Fact]
    public void Deallocate_UnmappedOrZeroOrOutside_SuccessWithoutEffects()
    {
        var map = NewMap(P, 16 * P);
        Alloc(map, 2 * P, P);

        Assert.Equal(KernReturn.Success, map.Deallocate(8 * P, P));
        Assert.Equal(KernReturn.Success, map.Deallocate(2 * P, 0));
        Assert.Equal(KernReturn.Success, map.Deallocate(100 * P, P));
        Assert.Single(map.Entries);
        Assert.Empty(map.TakeEffects());
    }

    [Fact]
    public void Deallocate_RangePassingTop_InvalidArgument()
    {
        var map = NewMap();
        Alloc(map, 2 * P, P);
        Assert.Equal(KernReturn.InvalidArgument, map.Deallocate(2 * P, ulong.MaxValue));
        Assert.Single(map.Entries);
    }

    [Fact]
    public void Deallocate_LastEntryNamingObject_ReleasesItOnceAfterPmapRemove()
    {
        var map = NewMap();
        var obj = MapObject(map, 2 * P, 4, 7);
        Assert.Equal([new VmMapEffect.ObjectReferenced(obj)], map.TakeEffects());

        map.Deallocate(3 * P, P); // clip: still named twice
        Assert.Equal([new VmMapEffect.PmapRemove(3 * P, 4 * P)], map.TakeEffects());
        map.Deallocate(0, 10 * P);

        Assert.Equal([new VmMapEffect.PmapRemove(P, 10 * P), new VmMapEffect.ObjectReleased(obj)], map.TakeEffects());
        Assert.False(map.Names(obj));
    }

    [Fact]
    public void Protect_Current_ClipsLowersAndEmitsPmapProtect()
    {
        var map = NewMap();
        Alloc(map, 2 * P, 4 * P);

        Assert.Equal(KernReturn.Success, map.Protect(3 * P, 2 * P, false, VmProt.Read));

        Assert.Equal(
            [(2 * P, VmProt.Read | VmProt.Write), (3 * P, VmProt.Read), (5 * P, VmProt.Read | VmProt.Write)],
            map.Entries.Select(e => (e.Start, e.Protection)));
        Assert.Equal([new VmMapEffect.PmapProtect(3 * P, 5 * P, VmProt.Read)], map.TakeEffects());
    }

    [Fact]
    public void Protect_Raising_NoPmapEffectAndCoalescesBack()
    {
        var map = NewMap();
        Alloc(map, 2 * P, 4 * P);
        map.Protect(3 * P, P, false, VmProt.Read);
        map.TakeEffects();

        Assert.Equal(KernReturn.Success, map.Protect(3 * P, P, false, VmProt.Read | VmProt.Write));

        Assert.Single(map.Entries);
        Assert.Empty(map.TakeEffects());
    }

    [Fact]
    public void Protect_AboveMaximum_ProtectionFailureAndNothingChanges()
    {
        var map = NewMap();
        Alloc(map, 2 * P, 2 * P);
        map.Protect(3 * P, P, true, VmProt.Read);
        map.TakeEffects();

        Assert.Equal(KernReturn.ProtectionFailure, map.Protect(2 * P, 2 * P, false, VmProt.Write));
        Assert.Equal(KernReturn.ProtectionFailure, map.Protect(3 * P, P, true, VmProt.All)); // max is never raised

        Assert.Equal([VmProt.Read | VmProt.Write, VmProt.Read], map.Entries.Select(e => e.Protection));
        Assert.Empty(map.TakeEffects());
    }

    [Fact]
    public void Protect_LoweringMaximum_LowersCurrent()
    {
        var map = NewMap();
        Alloc(map, 2 * P, P);

        Assert.Equal(KernReturn.Success, map.Protect(2 * P, P, true, VmProt.Read | VmProt.Execute));

        var e = Assert.Single(map.Entries);
        Assert.Equal((VmProt.Read, VmProt.Read | VmProt.Execute), (e.Protection, e.MaxProtection));
        Assert.Equal([new VmMapEffect.PmapProtect(2 * P, 3 * P, VmProt.Read)], map.TakeEffects());
    }

    [Fact]
    public void Protect_RangeWithHole_InvalidAddressAndNothingChanges()
    {
        var map = NewMap();
        Alloc(map, 2 * P, P);
        Alloc(map, 4 * P, P);

        Assert.Equal(KernReturn.InvalidAddress, map.Protect(2 * P, 3 * P, false, VmProt.None));
        Assert.Equal(KernReturn.InvalidAddress, map.Protect(20 * P, P, false, VmProt.None));
        Assert.All(map.Entries, e => Assert.Equal(VmProt.Read | VmProt.Write, e.Protection));
    }

    [Fact]
    public void Protect_BadBitsOrOverflow_InvalidArgument_ZeroSizeSuccess()
    {
        var map = NewMap();
        Alloc(map, 2 * P, P);

        Assert.Equal(KernReturn.InvalidArgument, map.Protect(2 * P, P, false, (VmProt)8));
        Assert.Equal(KernReturn.InvalidArgument, map.Protect(2 * P, ulong.MaxValue - P, false, VmProt.Read));
        Assert.Equal(KernReturn.Success, map.Protect(9 * P, 0, false, VmProt.Read));
    }

    [Fact]
    public void Inherit_Partial_ClipsAndSets()
    {
        var map = NewMap();
        Alloc(map, 2 * P, 3 * P);

        Assert.Equal(KernReturn.Success, map.Inherit(3 * P, P, VmInherit.Share));

        Assert.Equal([VmInherit.Copy, VmInherit.Share, VmInherit.Copy], map.Entries.Select(e => e.Inheritance));
        Assert.Empty(map.TakeEffects());
    }

    [Fact]
    public void Inherit_BadValueOrHole_FailsWithCode()
    {
        var map = NewMap();
        Alloc(map, 2 * P, P);

        Assert.Equal(KernReturn.InvalidArgument, map.Inherit(2 * P, P, (VmInherit)3));
        Assert.Equal(KernReturn.InvalidAddress, map.Inherit(2 * P, 2 * P, VmInherit.None));
        Assert.Equal(VmInherit.Copy, map.Entries[0].Inheritance);
    }

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
