using MachActors.Actors.Dispatch;
using MachActors.Personalities.Unix;

namespace MachActors.Tests.Unit.Personalities.Unix;

/// <summary>Pipes between processes on whole machines: order, EOF, SIGPIPE and EPIPE.</summary>
public sealed class PipeTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachActors.Tests.Unit.Kernel.MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Pipe_ChildWritesMoreThanTheBuffer_ParentReadsAllInOrderThenEof(DispatcherKind kind)
    {
        var sent = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();
        var got = new List<byte>();
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, r, w) = await u.Pipe();
            await u.Fork(async c =>
            {
                await c.Close(r);
                var (e, n) = await c.Write(w, sent);
                return e == Errno.None && n == sent.Length ? 0 : 1;
            });
            await u.Close(w);
            while (true)
            {
                var (e, data) = await u.Read(r, 3000);
                if (e != Errno.None || data.Length == 0) break;
                got.AddRange(data);
            }
            kit!.Log.Add($"child {WaitStatus.ExitStatus((await u.Wait()).Status)}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(sent, got);
        Assert.Equal(["child 0"], kit.Log);
    }

    [Fact]
    public void Write_NoReader_SigpipeKillsByDefaultAndIgnoredGivesEpipe()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, r, w) = await u.Pipe();
            await u.Close(r);
            await u.Fork(async c => { await c.Write(w, "x"); return 0; });
            kit!.Log.Add($"default {WaitStatus.TermSig((await u.Wait()).Status)}");
            await u.Sigaction(Signal.SIGPIPE, SignalDisposition.Ignore);
            kit.Log.Add($"ignored {(await u.Write(w, "x")).Error}");
            return 0;
        });

        kit.Run();

        Assert.Equal([$"default {Signal.SIGPIPE}", "ignored EPIPE"], kit.Log);
    }

    [Fact]
    public void Write_BlockedWhenLastReaderExits_Epipe()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            await u.Sigaction(Signal.SIGPIPE, SignalDisposition.Ignore);
            var (_, r, w) = await u.Pipe();
            var (_, reader) = await u.Fork(async c => { await c.Close(w); await c.Read(r, 1); return 0; });
            await u.Close(r);
            var (e, n) = await u.Write(w, new byte[10_000]); // fills the pipe, blocks; the reader takes one byte and exits
            kit!.Log.Add($"{e} {n}");
            return 0;
        });

        kit.Run();

        Assert.Equal(["EPIPE 0"], kit.Log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Read_ReaderKilledWhileBlocked_RunsNoMoreCode(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, r, w) = await u.Pipe();
            var (_, child) = await u.Fork(async c =>
            {
                var (e, data) = await c.Read(r, 10);
                kit!.Log.Add($"child went on after its read: {e} {data.Length}"); // never: it is killed while blocked
                return 0;
            });
            await u.Sleep(Duration.FromSeconds(1));
            await u.Kill(child, Signal.SIGTERM);
            kit!.Log.Add("child " + WaitStatus.TermSig((await u.Wait()).Status));
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal([$"child {Signal.SIGTERM}"], kit.Log);
    }
}
