using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Tests.Unit.Personalities.Unix.Server;

/// <summary>The pipe's decisions without a machine: buffering, blocking, order, EOF, EPIPE, cancel.</summary>
public sealed class PipeTests
{
    private readonly List<PipeCompletion> _done = [];

    [Fact]
    public void WriteThenRead_FitsInBuffer_CompleteAtOnceAndInOrder()
    {
        var pipe = new Pipe(8);

        Assert.Equal(3, pipe.Write(1, [1, 2, 3], _done)!.Written);
        Assert.Equal(new byte[] { 1, 2 }, pipe.Read(2, 2, _done)!.Data);
        Assert.Equal(new byte[] { 3 }, pipe.Read(3, 10, _done)!.Data);
        Assert.Empty(_done);
    }

    [Fact]
    public void Read_Empty_BlocksUntilAWriteThenGetsIt()
    {
        var pipe = new Pipe(8);

        Assert.Null(pipe.Read(1, 4, _done));
        Assert.Equal(2, pipe.Write(2, [7, 8], _done)!.Written);

        var c = Assert.Single(_done);
        Assert.Equal(1L, c.Token);
        Assert.Equal(new byte[] { 7, 8 }, c.Data);
    }

    [Fact]
    public void Write_LargerThanBuffer_BlocksAndLaterWritesQueueBehindIt()
    {
        var pipe = new Pipe(4);

        Assert.Null(pipe.Write(1, [1, 2, 3, 4, 5, 6], _done));
        Assert.Null(pipe.Write(2, [7], _done)); // behind the first: order is kept
        Assert.Equal(new byte[] { 1, 2, 3 }, pipe.Read(3, 3, _done)!.Data);
        Assert.Equal([1L, 2L], _done.Select(d => d.Token)); // the freed space took 5, 6, then 7: both writers complete, in order
        Assert.Equal(new byte[] { 4, 5, 6, 7 }, pipe.Read(4, 10, _done)!.Data);
    }

    [Fact]
    public void CloseWriter_LastOne_BlockedReaderGetsEofAndLaterReadsToo()
    {
        var pipe = new Pipe();
        pipe.Read(1, 4, _done);

        pipe.CloseWriter(_done);

        Assert.Equal((1L, 0), (_done[0].Token, _done[0].Data!.Length));
        Assert.Empty(pipe.Read(2, 4, _done)!.Data!);
    }

    [Fact]
    public void CloseReader_LastOne_BlockedWriterGetsEpipeAndNewWritesToo()
    {
        var pipe = new Pipe(2);
        pipe.Write(1, [1, 2, 3], _done);

        pipe.CloseReader(_done);

        Assert.Equal((1L, Errno.EPIPE), (_done[0].Token, _done[0].Error));
        Assert.Equal(Errno.EPIPE, pipe.Write(2, [1], _done)!.Error);
    }

    [Fact]
    public void Cancel_BlockedReader_RemovedAndNotServed()
    {
        var pipe = new Pipe();
        pipe.Read(1, 4, _done);

        Assert.True(pipe.Cancel(1));
        Assert.False(pipe.Cancel(1));
        pipe.Write(2, [1], _done);

        Assert.Equal(0, pipe.Waiting);
        Assert.Equal(1, pipe.Buffered);
    }

    [Fact]
    public void Interrupt_BlockedReader_EintrAndNotServedLater()
    {
        var pipe = new Pipe(4);
        Assert.Null(pipe.Read(1, 4, _done));

        var c = pipe.Interrupt(1);
        pipe.Write(2, [9], _done);

        Assert.Equal(new PipeCompletion(1, Errno.EINTR, c!.Data, 0), c);
        Assert.Empty(c.Data!);
        Assert.Empty(_done);
        Assert.Equal(1, pipe.Buffered);
    }

    [Fact]
    public void Interrupt_WriterThatMovedBytes_CountAndTheBytesStay()
    {
        var pipe = new Pipe(4);
        Assert.Null(pipe.Write(1, [1, 2, 3, 4, 5, 6], _done));

        var c = pipe.Interrupt(1);

        Assert.Equal(Errno.None, c!.Error);
        Assert.Null(c.Data);
        Assert.Equal(4, c.Written);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, pipe.Read(2, 10, _done)!.Data);
        Assert.Empty(_done); // the rest of the interrupted write is not pumped in
        Assert.Equal(0, pipe.Waiting);
    }

    [Fact]
    public void Interrupt_WriterWithNothingMovedOrUnknownToken_EintrOrNull()
    {
        var pipe = new Pipe(2);
        Assert.Null(pipe.Write(1, [1, 2, 3], _done));
        Assert.Null(pipe.Write(2, [4], _done)); // behind the first: nothing moved

        var c = pipe.Interrupt(2);

        Assert.Equal(new PipeCompletion(2, Errno.EINTR, null, 0), c);
        Assert.Null(pipe.Interrupt(2));
        Assert.Null(pipe.Interrupt(99));
        Assert.Equal(1, pipe.Waiting);
    }
}
