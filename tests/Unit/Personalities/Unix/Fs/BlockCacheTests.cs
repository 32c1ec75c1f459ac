using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Fs;

namespace MachActors.Tests.Unit.Personalities.Unix.Fs;

public sealed class BlockCacheTests
{
    private readonly MemoryBlockDevice _device = new(128, 64);

    [Fact]
    public async Task Get_TwiceTheSameBlock_ReadsTheDeviceOnce()
    {
        var cache = new BlockCache(_device, 4);
        _device.Poke(3, 0, [9]);

        var (first, data) = await cache.Get(3);
        await cache.Get(3);

        Assert.Equal((Errno.None, (byte)9), (first, data[0]));
        Assert.Equal((1L, 1L, 1L), (_device.Reads, cache.Hits, cache.Misses));
    }

    [Fact]
    public async Task MarkDirty_NothingReachesTheDeviceUntilFlush_ThenInBlockOrder()
    {
        var cache = new BlockCache(_device, 4);
        foreach (var block in new long[] { 7, 2, 5 })
        {
            var (_, data) = await cache.Get(block);
            data[0] = (byte)block;
            cache.MarkDirty(block);
        }
        Assert.Equal((0L, 3), (_device.Writes, cache.DirtyCount));

        Assert.Equal(Errno.None, await cache.Flush());

        Assert.Equal((3L, 0), (_device.Writes, cache.DirtyCount));
        Assert.Equal([2, 5, 7], new long[] { 2, 5, 7 }.Select(b => (long)_device.Peek(b)[0]));
    }

    [Fact]
    public async Task Get_Full_EvictsTheLeastRecentlyUsedWritingItIfDirty()
    {
        var cache = new BlockCache(_device, 4);
        var (_, zero) = await cache.Get(0);
        zero[0] = 42;
        cache.MarkDirty(0);
        for (long b = 1; b < 4; b++) await cache.Get(b);
        await cache.Get(1); // 0 is now the least recently used

        await cache.Get(10);

        Assert.Equal((4, 1L), (cache.Count, _device.Writes));
        Assert.Equal(42, _device.Peek(0)[0]);
        await cache.Get(1);
        Assert.Equal(1L, cache.Hits - 1); // 1 stayed
    }

    [Fact]
    public async Task GetZeroed_DoesNotReadAndIsDirty()
    {
        var cache = new BlockCache(_device, 4);
        _device.Poke(6, 0, [1, 2, 3]);

        var (_, data) = await cache.GetZeroed(6);
        await cache.Flush();

        Assert.Equal(0L, _device.Reads);
        Assert.All(data, b => Assert.Equal(0, b));
        Assert.All(_device.Peek(6), b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task Forget_DirtyBlock_IsNeverWritten()
    {
        var cache = new BlockCache(_device, 4);
        await cache.GetZeroed(6);

        cache.Forget(6);
        await cache.Flush();

        Assert.Equal((0L, 0), (_device.Writes, cache.Count));
    }

    [Fact]
    public async Task Get_DeviceFails_IsEioAndCachesNothing()
    {
        var cache = new BlockCache(_device, 4);
        _device.FailReads = true;

        Assert.Equal(Errno.EIO, (await cache.Get(1)).Error);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Flush_DeviceFails_IsEioAndTheBlockStaysDirty()
    {
        var cache = new BlockCache(_device, 4);
        await cache.GetZeroed(1);
        _device.FailWrites = true;

        Assert.Equal(Errno.EIO, await cache.Flush());
        Assert.Equal(1, cache.DirtyCount);
    }

    [Fact]
    public async Task Get_OutsideTheDevice_IsEinval() => Assert.Equal(Errno.EINVAL, (await new BlockCache(_device, 4).Get(64)).Error);

    [Fact]
    public async Task MemoryBlockDevice_WrongBufferSize_IsEinval()
    {
        Assert.Equal(Errno.EINVAL, await _device.ReadBlock(0, new byte[127]));
        Assert.Equal(Errno.EINVAL, await _device.WriteBlock(-1, new byte[128]));
    }
}
