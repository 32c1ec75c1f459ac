using MachActors.Kernel;
using MachActors.Kernel.Vm;
using static MachActors.Tests.Unit.Kernel.Vm.VmMapKit;

namespace MachActors.Tests.Unit.Kernel.Vm;

public sealed class VmMapCopyTests
{
    [Fact]
    public void CopyIn_PrivateObject_SymmetricPiecesAndSourceMarked()
    {
        var map = NewMap();
        var obj = MapObject(map, 2 * P, 4, 7);
        map.TakeEffects();

        Assert.Equal(KernReturn.Success, map.CopyIn((3 * P) + 10, P, out var copy));

        Assert.Equal([new VmCopyPiece(obj, P, 2 * P, true)], copy.Pieces);
        Assert.Equal((10UL, P), (copy.PageOffset, copy.Size));
        Assert.Equal([false, true, false], map.Entries.Select(e => e.NeedsCopy));
        Assert.Equal(
            [new VmMapEffect.PmapProtect(3 * P, 5 * P, VmProt.Read), new VmMapEffect.ObjectReferenced(obj)],
            map.TakeEffects());
    }

    [Fact]
    public void CopyIn_MixedEntries_OnePiecePerEntry()
    {
        var map = NewMap();
        Alloc(map, 2 * P, P);
        var obj = MapObject(map, 3 * P, 1, 7);

        map.CopyIn(2 * P, 2 * P, out var copy);

        Assert.Equal([new VmCopyPiece(null, 0, P, false), new VmCopyPiece(obj, 0, P, true)], copy.Pieces);
        Assert.Equal(2 * P, copy.PageBytes);
    }

    [Fact]
    public void CopyIn_UnreadableOrUnmapped_FailsWithoutEffects()
    {
        var map = NewMap();
        MapObject(map, 2 * P, 1, 7, VmProt.Write);
        map.TakeEffects();

        Assert.Equal(KernReturn.ProtectionFailure, map.CopyIn(2 * P, P, out _));
        Assert.Equal(KernReturn.InvalidAddress, map.CopyIn(2 * P, 2 * P, out _));
        Assert.Equal(KernReturn.Success, map.CopyIn(2 * P, 0, out var empty));
        Assert.Same(VmCopy.Empty, empty);
        Assert.Empty(map.TakeEffects());
        Assert.False(map.Entries[0].NeedsCopy);
    }

    [Fact]
    public void CopyOut_IntoOtherMap_MapsPiecesAndAdoptsReferences()
    {
        var source = NewMap();
        var target = NewMap();
        var obj = MapObject(source, 2 * P, 2, 7);
        Alloc(target, P, P);
        source.CopyIn((2 * P) + 3, P, out var copy);

        Assert.Equal(KernReturn.Success, target.CopyOut(copy, out var at));

        Assert.Equal((2 * P) + 3, at);
        var e = target.Entries[1];
        Assert.Equal((2 * P, 4 * P, obj, 0UL, true), (e.Start, e.End, e.Object, e.Offset, e.NeedsCopy));
        Assert.Empty(target.TakeEffects()); // the copy's reference became the map's
        Assert.True(target.Names(obj));
    }

    [Fact]
    public void CopyOut_ObjectAlreadyNamed_DropsTheCopysReference()
    {
        var map = NewMap();
        var obj = MapObject(map, 2 * P, 1, 7);
        map.CopyIn(2 * P, P, out var copy);
        map.TakeEffects();

        map.CopyOut(copy, out _);

        Assert.Equal([new VmMapEffect.ObjectReleased(obj)], map.TakeEffects());
    }

    [Fact]
    public void CopyOut_NoRoom_NoSpaceAndDiscardReleases()
    {
        var source = NewMap();
        var full = NewMap(P, 2 * P);
        Alloc(full, P, P);
        var obj = MapObject(source, 2 * P, 1, 7);
        source.CopyIn(2 * P, P, out var copy);
        source.TakeEffects();

        Assert.Equal(KernReturn.NoSpace, full.CopyOut(copy, out _));
        full.Discard(copy);

        Assert.Equal([new VmMapEffect.ObjectReleased(obj)], full.TakeEffects());
    }

    [Fact]
    public void CopyOverwrite_PrivateDestination_TakesPiecesKeepsAttributes()
    {
        var map = NewMap();
        var src = MapObject(map, 2 * P, 2, 7);
        var old = MapObject(map, 10 * P, 2, 8);
        map.Inherit(10 * P, 2 * P, VmInherit.None);
        map.CopyIn(2 * P, 2 * P, out var copy);
        map.TakeEffects();

        Assert.Equal(KernReturn.Success, map.CopyOverwrite(10 * P, copy));

        var e = map.Entries[1];
        Assert.Equal((10 * P, 12 * P, src, 0UL, true, VmInherit.None), (e.Start, e.End, e.Object, e.Offset, e.NeedsCopy, e.Inheritance));
        Assert.Equal(
            [new VmMapEffect.PmapRemove(10 * P, 12 * P), new VmMapEffect.ObjectReleased(old), new VmMapEffect.ObjectReleased(src)],
            map.TakeEffects());
    }

    [Fact]
    public void CopyOverwrite_SharedDestination_WrittenInPlace()
    {
        var (map, child) = NewPair();
        var src = MapObject(map, 2 * P, 1, 7);
        var shared = MapObject(map, 10 * P, 1, 8);
        map.Inherit(10 * P, P, VmInherit.Share);
        map.ForkInto(child);
        map.CopyIn(2 * P, P, out var copy);
        map.TakeEffects();

        Assert.Equal(KernReturn.Success, map.CopyOverwrite(10 * P, copy));

        Assert.Equal((shared, true), (map.Entries[1].Object, map.Entries[1].Shared));
        Assert.Equal(
            [new VmMapEffect.PmapRemove(10 * P, 11 * P), new VmMapEffect.ObjectOverwritten(shared, 0, src, 0, P), new VmMapEffect.ObjectReleased(src)],
            map.TakeEffects());
    }

    [Fact]
    public void Copy_OntoSharedDestination_ReleasesEveryReferenceTheCopyTook()
    {
        var (map, child) = NewPair();
        var src = MapObject(map, 2 * P, 1, 7);
        MapObject(map, 10 * P, 1, 8);
        map.Inherit(10 * P, P, VmInherit.Share);
        map.ForkInto(child);
        map.TakeEffects();

        Assert.Equal(KernReturn.Success, map.Copy(2 * P, P, 10 * P));

        var effects = map.TakeEffects();
        Assert.Contains(new VmMapEffect.ObjectReferenced(src), effects);
        Assert.Equal(effects.Count(e => e == new VmMapEffect.ObjectReferenced(src)), effects.Count(e => e == new VmMapEffect.ObjectReleased(src)));
    }

    [Fact]
    public void CopyOverwrite_BadDestination_FailsWithCode()
    {
        var map = NewMap();
        MapObject(map, 2 * P, 1, 7);
        MapObject(map, 4 * P, 1, 8, VmProt.Read);
        map.CopyIn(2 * P, P, out var copy);
        map.CopyIn((2 * P) + 1, 5, out var unaligned);

        Assert.Equal(KernReturn.InvalidArgument, map.CopyOverwrite((4 * P) + 1, copy));
        Assert.Equal(KernReturn.InvalidArgument, map.CopyOverwrite(4 * P, unaligned));
        Assert.Equal(KernReturn.ProtectionFailure, map.CopyOverwrite(4 * P, copy));
        Assert.Equal(KernReturn.InvalidAddress, map.CopyOverwrite(6 * P, copy));
        Assert.Equal(KernReturn.InvalidAddress, map.CopyOverwrite(ulong.MaxValue - P + 1, copy));
    }

    [Fact]
    public void Copy_VmCopy_DestinationNamesSourceObjectNeedsCopy()
    {
        var map = NewMap();
        var src = MapObject(map, 2 * P, 2, 7);
        Alloc(map, 8 * P, 2 * P);

        Assert.Equal(KernReturn.Success, map.Copy(2 * P, 2 * P, 8 * P));

        Assert.True(map.Lookup(9 * P, out var e));
        Assert.Equal((src, P, true), (e.Object, e.Offset + (9 * P - e.Start), e.NeedsCopy));
    }

    [Fact]
    public void Copy_BadArguments_FailWithoutTouchingSource()
    {
        var map = NewMap();
        MapObject(map, 2 * P, 1, 7);
        MapObject(map, 4 * P, 1, 8, VmProt.Read);
        map.TakeEffects();

        Assert.Equal(KernReturn.InvalidArgument, map.Copy(2 * P, 100, 4 * P));
        Assert.Equal(KernReturn.ProtectionFailure, map.Copy(2 * P, P, 4 * P));
        Assert.Equal(KernReturn.InvalidAddress, map.Copy(2 * P, P, 20 * P));
        Assert.Equal(KernReturn.InvalidAddress, map.Copy(30 * P, P, 2 * P));
        Assert.Equal(KernReturn.Success, map.Copy(2 * P, 0, 4 * P));
        Assert.False(map.Entries[0].NeedsCopy);
        Assert.Empty(map.TakeEffects());
    }
}
