using System.Text;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Tests.Unit.Personalities.Unix.Server;

/// <summary>The console reads' decisions without a machine: waiting, one device request at a time, FIFO, split lines, EOF, errors, cancel.</summary>
public sealed class ConsoleReaderTests
{
    private readonly ConsoleReader _reader = new();

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static string S(byte[] b) => Encoding.UTF8.GetString(b);

    [Fact]
    public void Read_NoInput_WaitsAndAsksTheDeviceOnceForItsCount()
    {
        Assert.Null(_reader.Read(1, 100));

        Assert.Equal(100, _reader.NextRequest());
        Assert.Null(_reader.NextRequest());
        Assert.True(_reader.Requested);
        Assert.Null(_reader.Read(2, 50));
        Assert.Null(_reader.NextRequest());
        Assert.Equal(2, _reader.Waiting);
    }

    [Fact]
    public void Reply_Line_AnswersTheFirstReaderAndTheNextAsksAgain()
    {
        _reader.Read(1, 100);
        _reader.Read(2, 100);
        _reader.NextRequest();

        var done = _reader.Reply(ok: true, B("echo hi\n"));

        var c = Assert.Single(done);
        Assert.Equal((1L, Errno.None, "echo hi\n"), (c.Token, c.Error, S(c.Data)));
        Assert.False(_reader.Requested);
        Assert.Equal(100, _reader.NextRequest());
    }

    [Fact]
    public void Reply_LineLongerThanTheReadersCount_IsSplitAcrossReadsInOrder()
    {
        _reader.Read(1, 3);
        _reader.NextRequest();
        _reader.Cancel(1);
        _reader.Read(2, 2);

        Assert.Equal("ab", S(Assert.Single(_reader.Reply(ok: true, B("abc\n"))).Data));
        Assert.Equal(2, _reader.Kept);
        Assert.Equal("c\n", S(_reader.Read(3, 10)!.Data));
        Assert.Null(_reader.Read(4, 10));
    }

    [Fact]
    public void Reply_EndOfInput_EveryWaitingReaderAndEveryLaterOneReadsZeroBytes()
    {
        _reader.Read(1, 10);
        _reader.Read(2, 10);
        _reader.NextRequest();

        var done = _reader.Reply(ok: true, []);

        Assert.Equal([(1L, 0), (2L, 0)], done.Select(c => (c.Token, c.Data.Length)));
        Assert.True(_reader.Ended);
        Assert.Empty(_reader.Read(3, 10)!.Data);
        Assert.Null(_reader.NextRequest());
    }

    [Fact]
    public void Reply_DeviceFailure_FirstReaderGetsEioAndTheOthersStillWait()
    {
        _reader.Read(1, 10);
        _reader.Read(2, 10);
        _reader.NextRequest();

        var c = Assert.Single(_reader.Reply(ok: false, []));

        Assert.Equal((1L, Errno.EIO), (c.Token, c.Error));
        Assert.Equal(1, _reader.Waiting);
        Assert.Equal(10, _reader.NextRequest());
    }

    [Fact]
    public void Cancel_WaitingReaderKilled_TheBytesAskedForItGoToTheNext()
    {
        _reader.Read(1, 10);
        _reader.Read(2, 10);
        _reader.NextRequest();

        Assert.True(_reader.Cancel(1));
        Assert.False(_reader.Cancel(1));
        var c = Assert.Single(_reader.Reply(ok: true, B("x\n")));

        Assert.Equal((2L, "x\n"), (c.Token, S(c.Data)));
    }

    [Fact]
    public void Reply_NoReaderLeft_InputIsKeptForTheNextRead()
    {
        _reader.Read(1, 10);
        _reader.NextRequest();
        _reader.Cancel(1);

        Assert.Empty(_reader.Reply(ok: true, B("kept\n")));

        Assert.Null(_reader.NextRequest());
        Assert.Equal("kept\n", S(_reader.Read(2, 10)!.Data));
    }

    [Fact]
    public void Reply_StrayWithNoRequestOut_IsIgnored()
    {
        _reader.Read(1, 10);

        Assert.Empty(_reader.Reply(ok: true, B("stray\n")));

        Assert.Equal(0, _reader.Kept);
        Assert.Equal(1, _reader.Waiting);
    }

    [Fact]
    public void Read_ZeroCount_AnswersAtOnceWithoutWaiting()
    {
        Assert.Empty(_reader.Read(1, 0)!.Data);
        Assert.Null(_reader.NextRequest());
    }
}
