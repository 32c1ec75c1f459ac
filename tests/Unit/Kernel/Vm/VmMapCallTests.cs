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
}
