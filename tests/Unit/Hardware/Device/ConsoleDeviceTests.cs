using System.Text;
using MachActors.Hardware.Device;
using static MachActors.Tests.Unit.Hardware.Device.DiskKit;

namespace MachActors.Tests.Unit.Hardware.Device;

public sealed class ConsoleDeviceTests : global::MachActors.Actors.TestKit.TestKit
{
    private readonly RecordingConsoleSink _sink = new();

    private IActorRef SpawnConsole(ConsoleConfig? config = null) =>
        Sys.Spawn(Props.Create(() => new ConsoleDevice(config ?? new ConsoleConfig(), _sink)), "console");

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private ConsoleInterrupt Expect(long requestId)
    {
        var interrupt = ExpectMsg<ConsoleInterrupt>();
        Assert.Equal(requestId, interrupt.RequestId);
        return interrupt;
    }

    private static string Text(ConsoleInterrupt i) => Encoding.UTF8.GetString(i.Data.Span);

    private VirtualTime LastAt => Probe.LastMessage!.At;

    [Fact]
    public void Write_Several_ReachTheSinkInOrderAndEachCompletes()
    {
        var console = SpawnConsole();

        console.Tell(new ConsoleWrite(1, Bytes("hello ")), TestActor);
        console.Tell(new ConsoleWrite(2, Bytes("world")), TestActor);
        console.Tell(new ConsoleWrite(3, Bytes("!\n")), TestActor);

        var first = Expect(1);
        Assert.Equal((IoOperation.Write, IoStatus.Success, 6), (first.Operation, first.Status, first.Bytes));
        Assert.Equal(5, Expect(2).Bytes);
        Assert.Equal(2, Expect(3).Bytes);
        Assert.Equal("hello world!\n", _sink.Text);
        Assert.Equal(["hello ", "world", "!\n"], _sink.Writes.Select(w => w.Text));
    }

    [Fact]
    public void Write_WithByteTime_TakesThatLongPerByteOneWriteAtATime()
    {
        var console = SpawnConsole(new ConsoleConfig { ByteTime = Ms(1) });

        console.Tell(new ConsoleWrite(1, Bytes("abc")), TestActor);
        console.Tell(new ConsoleWrite(2, Bytes("de")), TestActor);

        Expect(1);
        Assert.Equal(At(Ms(3)), LastAt);
        Expect(2);
        Assert.Equal(At(Ms(5)), LastAt);
        Assert.Equal([At(Ms(3)), At(Ms(5))], _sink.Writes.Select(w => w.At));
    }

    [Fact]
    public void Write_HostOutput_IsForwardedAsWellAsKept()
    {
        var host = new StringWriter();
        var sink = new RecordingConsoleSink(host);

        sink.Write(VirtualTime.Zero, "to stdout\n");

        Assert.Equal("to stdout\n", host.ToString());
        Assert.Equal("to stdout\n", sink.Text);
    }

    [Fact]
    public void Read_ScriptedInput_CompletesWaitingReadsAtTheLinesArrivalTimes()
    {
        var console = SpawnConsole(new ConsoleConfig
        {
            Script = [new ConsoleScriptLine(At(Ms(10)), "second"), new ConsoleScriptLine(At(Ms(5)), "first")],
        });

        console.Tell(new ConsoleRead(1, 100, NoWait: false), TestActor);
        console.Tell(new ConsoleRead(2, 100, NoWait: false), TestActor);

        Assert.Equal("first\n", Text(Expect(1)));
        Assert.Equal(At(Ms(5)), LastAt);
        Assert.Equal("second\n", Text(Expect(2)));
        Assert.Equal(At(Ms(10)), LastAt);
    }

    [Fact]
    public void Read_BufferedInput_ReturnsOneLineAtMostMaxBytes()
    {
        var console = SpawnConsole();
        console.Tell(new ConsoleInput("hello"));
        console.Tell(new ConsoleInput("next"));

        console.Tell(new ConsoleRead(1, 3, NoWait: false), TestActor);
        console.Tell(new ConsoleRead(2, 100, NoWait: false), TestActor);
        console.Tell(new ConsoleRead(3, 100, NoWait: false), TestActor);

        Assert.Equal("hel", Text(Expect(1)));
        Assert.Equal("lo\n", Text(Expect(2)));
        Assert.Equal("next\n", Text(Expect(3)));
        Assert.Equal(VirtualTime.Zero, LastAt);
    }

    [Fact]
    public void Read_NoWaitWithoutInput_FailsWithWouldBlockAtOnce()
    {
        var console = SpawnConsole(new ConsoleConfig { Script = [new ConsoleScriptLine(At(Ms(5)), "late")] });

        console.Tell(new ConsoleRead(1, 10, NoWait: true), TestActor);

        var done = Expect(1);
        Assert.Equal((IoStatus.WouldBlock, 0), (done.Status, done.Bytes));
        Assert.Equal(VirtualTime.Zero, LastAt);
        Sys.RunFor(Ms(6));
        console.Tell(new ConsoleRead(2, 10, NoWait: true), TestActor);
        Assert.Equal("late\n", Text(Expect(2)));
        var stats = console.Ask<ConsoleStats>(GetConsoleStats.Instance).GetAwaiter().GetResult();
        Assert.Equal((1, 1, 5), (stats.WouldBlock, stats.Reads, stats.BytesRead));
    }

    [Fact]
    public void Read_ZeroBytes_FailsWithInvalidSize()
    {
        var console = SpawnConsole();

        console.Tell(new ConsoleRead(1, 0, NoWait: false), TestActor);

        Assert.Equal(IoStatus.InvalidSize, Expect(1).Status);
    }

    [Fact]
    public void Read_InputEnds_WaitingAndLaterReadsGetEndOfFile()
    {
        var console = SpawnConsole();
        console.Tell(new ConsoleRead(1, 10, NoWait: false), TestActor);
        Sys.RunFor(Ms(2));

        console.Tell(ConsoleInputEnd.Instance);
        console.Tell(new ConsoleInput("ignored"));
        console.Tell(new ConsoleRead(2, 10, NoWait: true), TestActor);

        var first = Expect(1);
        Assert.Equal((IoStatus.Success, 0), (first.Status, first.Bytes));
        Assert.Equal(At(Ms(2)), LastAt);
        var later = Expect(2);
        Assert.Equal((IoStatus.Success, 0), (later.Status, later.Bytes));
    }

    [Fact]
    public void Read_EndInputAfterScript_EndsAfterTheLastLine()
    {
        var console = SpawnConsole(new ConsoleConfig { Script = [new ConsoleScriptLine(At(Ms(1)), "only")], EndInputAfterScript = true });

        console.Tell(new ConsoleRead(1, 10, NoWait: false), TestActor);
        console.Tell(new ConsoleRead(2, 10, NoWait: false), TestActor);

        Assert.Equal("only\n", Text(Expect(1)));
        Assert.Equal(0, Expect(2).Bytes);
        Assert.Equal(At(Ms(1)), LastAt);
    }

    [Fact]
    public void Read_RequesterGone_InputGoesOnToTheNextReader()
    {
        var console = SpawnConsole();
        var gone = CreateTestProbe("gone");
        console.Tell(new ConsoleRead(1, 100, NoWait: false), gone.Ref);
        console.Tell(new ConsoleRead(2, 100, NoWait: false), TestActor);
        Sys.Stop(gone.Ref);
        Sys.RunUntilIdle();
        var deadBefore = Sys.DeadLetterCount;

        console.Tell(new ConsoleInput("one"));
        console.Tell(new ConsoleInput("two"));

        Assert.Equal("two\n", Text(Expect(2)));
        Assert.Equal(deadBefore + 1, Sys.DeadLetterCount);
        var stats = console.Ask<ConsoleStats>(GetConsoleStats.Instance).GetAwaiter().GetResult();
        Assert.Equal((2, 2, 0), (stats.Reads, stats.InputLines, stats.PendingReads));
    }

    [Fact]
    public void Read_Waiting_CallsReadWaitingOnlyWhenTheReadHasToWait()
    {
        var cues = 0;
        var console = SpawnConsole(new ConsoleConfig { ReadWaiting = () => cues++ });
        console.Tell(new ConsoleInput("buffered"));

        console.Tell(new ConsoleRead(1, 100, NoWait: false), TestActor);
        console.Tell(new ConsoleRead(2, 100, NoWait: true), TestActor);
        Expect(1);
        Expect(2);
        Assert.Equal(0, cues);

        console.Tell(new ConsoleRead(3, 100, NoWait: false), TestActor);
        Sys.RunUntilIdle();
        Assert.Equal(1, cues);
        console.Tell(new ConsoleInput("typed"));
        Assert.Equal("typed\n", Text(Expect(3)));

        console.Tell(ConsoleInputEnd.Instance);
        console.Tell(new ConsoleRead(4, 100, NoWait: false), TestActor);
        Assert.Equal(0, Expect(4).Bytes);
        Assert.Equal(1, cues);
    }
}
