using MachActors.Kernel.Ipc;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Tests.Unit.Personalities.Unix.Server;

/// <summary>The UNIX server's memory objects without a machine: one per linked inode, incarnations by control port, orphans after unlink.</summary>
public sealed class FileObjectTableTests
{
    private static readonly PortName Port = new(0x703);
    private static readonly PortName ControlA = new(0x803);
    private static readonly PortName ControlB = new(0x903);

    [Fact]
    public void Add_NewInode_KeysCountUpAndLookupByInode()
    {
        var table = new FileObjectTable();

        Assert.Equal(1, table.NextKey);
        var first = table.Add(7, Port);
        var second = table.Add(9, Port);

        Assert.Equal((1, 2, 3), (first.Key, second.Key, table.NextKey));
        Assert.Same(first, table.ForInode(7));
        Assert.Null(table.ForInode(8));
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Add_InodeAlreadyHasAnObject_Throws() // a server bug: ObjectFor looks first
    {
        var table = new FileObjectTable();
        table.Add(7, Port);

        Assert.Throws<InvalidOperationException>(() => table.Add(7, Port));
    }

    [Fact]
    public void Init_KnownKey_ControlLiveUntilTerminate()
    {
        var table = new FileObjectTable();
        var obj = table.Add(7, Port);

        Assert.Same(obj, table.Init(obj.Key, ControlA));
        Assert.Same(obj, table.ForControl(ControlA));
        Assert.Equal([obj], table.Live);

        Assert.Same(obj, table.Terminate(ControlA));
        Assert.Null(table.ForControl(ControlA));
        Assert.Empty(table.Live);
        Assert.Same(obj, table.ForInode(7)); // a linked file's object stays for the next mapping
    }

    [Fact]
    public void Init_UnknownKeyOrControlAlreadyLive_Null()
    {
        var table = new FileObjectTable();
        var obj = table.Add(7, Port);
        table.Init(obj.Key, ControlA);

        Assert.Null(table.Init(99, ControlB));
        Assert.Null(table.Init(obj.Key, ControlA));
        Assert.Null(table.Terminate(ControlB));
        Assert.Equal([ControlA], obj.Controls);
    }

    [Fact]
    public void Unlink_MappedFile_OrphanKeepsBytesLeavesTheInodeAndIsForgottenAtItsLastTerminate()
    {
        var table = new FileObjectTable();
        var obj = table.Add(7, Port);
        table.Init(obj.Key, ControlA);

        Assert.Same(obj, table.Unlink(7, [1, 2, 3]));
        Assert.Equal([1, 2, 3], obj.Orphan);
        Assert.Null(table.ForInode(7));
        var reused = table.Add(7, Port); // a new file may reuse the inode number
        Assert.NotSame(obj, reused);
        Assert.Same(obj, table.ForControl(ControlA));

        table.Terminate(ControlA);
        Assert.Equal(1, table.Count); // only the new file's object
        Assert.Null(table.Init(obj.Key, ControlB));
    }

    [Fact]
    public void Unlink_UnmappedObject_StaysKnownByKeyForAnInitOnItsWay()
    {
        var table = new FileObjectTable();
        var obj = table.Add(7, Port);

        table.Unlink(7, [4]);

        Assert.Same(obj, table.Init(obj.Key, ControlA)); // a vm_map made just before the unlink
        Assert.Null(table.Unlink(8, []));
    }
}
