using System.Text;
using MachActors.Actors.Dispatch;
using MachActors.Hardware.Device;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Programs;
using MachActors.Tests.Unit.Kernel;
using MachActors.Tests.Unit.Personalities.Unix.Programs;

namespace MachActors.Tests.Unit.Personalities.Unix;

/// <summary>Console reads on whole machines: a reader blocks until the host feeds a line, reads end of file when input ends, in arrival order, and one killed (or interrupted by a caught signal: EINTR) while waiting is dropped.</summary>
public sealed class ConsoleReadTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Read_NoInputYet_BlocksUntilALineIsFedThenReadsEofWhenInputEnds(DispatcherKind kind)
    {
        var cue = new ReadCue();
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            while (true)
            {
                var (e, data) = await u.Read(0, 100);
                if (e != Errno.None || data.Length == 0)
                {
                    kit!.Log.Add(e == Errno.None ? "eof" : e.ToString());
                    return 0;
                }
                kit!.Log.Add("got " + Encoding.UTF8.GetString(data));
            }
        }, kind, console: cue.Console);

        cue.RunUntilWaiting(kit.Machine);
        kit.Machine.RunFor(Duration.FromSeconds(5));
        Assert.Empty(kit.Log);
        var stats = Console(kit.Machine).Ask<ConsoleStats>(GetConsoleStats.Instance).GetAwaiter().GetResult();
        Assert.Equal((1, 0L, 0L), (stats.PendingReads, stats.WouldBlock, stats.Reads)); // one device read waits: no polling, no early EOF
        Console(kit.Machine).Tell(new ConsoleInput("hello"), null);
        cue.RunUntilWaiting(kit.Machine);
        Assert.Equal(["got hello\n"], kit.Log);
        Console(kit.Machine).Tell(ConsoleInputEnd.Instance, null);
        kit.Run();

        Assert.Equal(["got hello\n", "eof"], kit.Log);
        kit.Machine.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Cat_ReadingTheConsole_BlocksInsteadOfSeeingEofThenCopiesLinesUntilInputEnds(DispatcherKind kind)
    {
        var cue = new ReadCue();
        using var kit = new ShellKit("cat; echo done", kind, console: cue.Console);

        cue.RunUntilWaiting(kit.Machine);
        kit.Machine.RunFor(Duration.FromSeconds(5));
        Assert.Equal(("", null), (kit.Output, kit.InitStatus));
        Console(kit.Machine).Tell(new ConsoleInput("one"), null);
        cue.RunUntilWaiting(kit.Machine);
        Assert.Equal("one\n", kit.Output);
        Console(kit.Machine).Tell(ConsoleInputEnd.Instance, null);
        kit.Machine.RunToEnd();

        Assert.Equal(("one\ndone\n", 0), (kit.Output, kit.Status));
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Read_SeveralReadersWaiting_AreAnsweredInArrivalOrder(DispatcherKind kind)
    {
        var cue = new ReadCue();
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            foreach (var name in new[] { "A", "B" })
            {
                await u.Fork(async c =>
                {
                    var (_, data) = await c.Read(0, 100);
                    kit!.Log.Add(name + " " + Encoding.UTF8.GetString(data).TrimEnd('\n'));
                    return 0;
                });
                await u.Sleep(Duration.FromMilliseconds(100));
            }
            while ((await u.Wait()).Error == Errno.None)
            {
            }
            return 0;
        }, kind, console: cue.Console);

        cue.RunUntilWaiting(kit.Machine);
        kit.Machine.RunFor(Duration.FromSeconds(1)); // B waits too, behind A
        Assert.Empty(kit.Log);
        Console(kit.Machine).Tell(new ConsoleInput("first"), null);
        cue.RunUntilWaiting(kit.Machine);
        Console(kit.Machine).Tell(new ConsoleInput("second"), null);
        kit.Run();

        Assert.Equal(["A first", "B second"], kit.Log.Order());
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Read_ReaderKilledWhileWaiting_IsDroppedAndTheLineGoesToTheNextReader(DispatcherKind kind)
    {
        var cue = new ReadCue();
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, child) = await u.Fork(async c =>
            {
                var (_, data) = await c.Read(0, 100);
                kit!.Log.Add("child read " + data.Length); // never: it is killed while waiting
                return 0;
            });
            await u.Sleep(Duration.FromSeconds(1));
            await u.Kill(child, Signal.SIGTERM);
            kit!.Log.Add("child " + WaitStatus.TermSig((await u.Wait()).Status));
            var (e, line) = await u.Read(0, 100);
            kit.Log.Add($"init {e} {Encoding.UTF8.GetString(line)}");
            return 0;
        }, kind, console: cue.Console);

        cue.RunUntilWaiting(kit.Machine);
        Assert.Equal(ConditionMet, kit.Machine.Sys.RunUntil(() => !kit.Log.IsEmpty, Duration.FromSeconds(10)).Outcome);
        kit.Machine.RunFor(Duration.FromSeconds(1)); // init reads now, behind the device read asked for the child
        Console(kit.Machine).Tell(new ConsoleInput("after"), null);
        kit.Run();

        Assert.Equal([$"child {Signal.SIGTERM}", "init None after\n"], kit.Log);
        kit.Machine.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Read_CaughtSignalWhileWaiting_EintrAndTheLineGoesToTheNextReader(DispatcherKind kind)
    {
        var cue = new ReadCue();
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, child) = await u.Fork(async c =>
            {
                await c.Signal(Signal.SIGTERM, (_, _) => { kit!.Log.Add("handler"); return Task.CompletedTask; });
                var (e, data) = await c.Read(0, 100);
                kit!.Log.Add($"child {e} {data.Length}");
                return 0;
            });
            await u.Sleep(Duration.FromSeconds(1));
            await u.Kill(child, Signal.SIGTERM);
            await u.Wait();
            var (e, line) = await u.Read(0, 100);
            kit!.Log.Add($"init {e} {Encoding.UTF8.GetString(line)}");
            return 0;
        }, kind, console: cue.Console);

        cue.RunUntilWaiting(kit.Machine);
        Assert.Equal(ConditionMet, kit.Machine.Sys.RunUntil(() => kit.Log.Count >= 2, Duration.FromSeconds(10)).Outcome);
        kit.Machine.RunFor(Duration.FromSeconds(1)); // init reads now, behind the device read asked for the child
        Console(kit.Machine).Tell(new ConsoleInput("after"), null);
        kit.Run();

        Assert.Equal(["handler", "child EINTR 0", "init None after\n"], kit.Log);
        kit.Machine.AssertNoActorFailures();
    }

    private const RunOutcome ConditionMet = RunOutcome.ConditionMet;

    private static IActorRef Console(MachineKit kit) => kit.Machine.Devices["console"];

    /// <summary>The host's cue that a console read waits for input (<see cref="ConsoleConfig.ReadWaiting"/>), as machactors sh uses it.</summary>
    private sealed class ReadCue
    {
        private volatile bool _waiting;

        /// <summary>A console whose input stays open until the test ends it, cueing this.</summary>
        public ConsoleConfig Console => new() { ReadWaiting = () => _waiting = true };

        /// <summary>Runs until a console read waits (asserts one does within 10 s of virtual time) and the instant's work is done; clears the cue.</summary>
        public void RunUntilWaiting(MachineKit kit)
        {
            Assert.Equal(ConditionMet, kit.Sys.RunUntil(() => _waiting, Duration.FromSeconds(10)).Outcome);
            kit.Sys.RunUntilIdle();
            _waiting = false;
        }
    }
}
