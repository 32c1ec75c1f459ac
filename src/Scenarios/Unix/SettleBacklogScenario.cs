using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Emulation;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Scenarios.Unix;

/// <summary>
/// System calls that arrive while the server settles a mapped file (docs/UNIX.md, "Files as memory
/// objects"): the server then serves only its pager port until lock_completed and keeps every other
/// message in its backlog. Init maps a one-page file MAP_SHARED and forks a caller; then, <see cref="Rounds"/>
/// times, it stores a byte through its mapping, signals the caller over a pipe and read(2)s the page (the
/// read settles the dirty page), which must hold every byte stored so far. The caller, each time it is
/// signalled, loads the first <see cref="Loads"/> bytes of its (inherited) mapping, which must hold init's
/// stores so far, then calls getpid (its parent must be init) and writes its pid byte to a second pipe.
/// The loads put its calls next to init's read, so whether one lands during the settle depends on the
/// interleaving (about one iteration in ten). Init then reads the second pipe to end of file and waits.
/// The check: each side's observations, the caller's and init's statuses, and liveness (a lost call leaves
/// the caller, then init's wait, waiting until the scenario's bound).
/// </summary>
public class SettleBacklogScenario : UnixScenario
{
    /// <summary>The store, signal and read rounds init makes; the caller makes one getpid and one pipe write per round.</summary>
    public const int Rounds = 2;

    /// <summary>The one-byte loads the caller makes through its mapping before each getpid (what places its calls next to init's settle).</summary>
    public const int Loads = 3;

    private const string Path = "/tmp/settled";

    /// <inheritdoc />
    public override string Name => "unix-settle-backlog";

    /// <inheritdoc />
    public override string Description => "UNIX: a sibling's system calls land while read(2) settles a MAP_SHARED page; each waits in the backlog and is answered, none is lost";

    /// <summary>The file as first written: one page of a pattern.</summary>
    public static byte[] Initial() => [.. Enumerable.Range(0, PageSize).Select(i => (byte)(i * 7))];

    /// <summary>The file after rounds 0..<paramref name="round"/>: round k stores 0xE0 + k at offset k.</summary>
    public static byte[] After(int round)
    {
        var bytes = Initial();
        for (var k = 0; k <= round; k++) bytes[k] = (byte)(0xE0 + k);
        return bytes;
    }

    /// <inheritdoc />
    protected override UnixProgram Init(UnixVerdict verdict) => async (u, _) =>
    {
        var (failed, fd, at) = await CreateMappedShared(u, Path, Initial());
        if (failed is not null) return verdict.Fail(failed);
        var (piped, pidsR, pidsW) = await u.Pipe();
        var (_, goR, goW) = await u.Pipe();
        if (piped != Errno.None || goR < 0) return verdict.Fail("pipe failed");
        var (forked, pid) = await u.Fork(c => Caller(c, goR, pidsW, at, verdict));
        if (forked != Errno.None) return verdict.Fail($"fork: {forked}");
        await u.Close(pidsW);
        for (var round = 0; round < Rounds; round++)
        {
            await u.Poke(at + (ulong)round, [After(round)[round]]);
            await u.Lseek(fd, 0, 0);
            await u.Write(goW, [1]);
            var (read, data) = await u.Read(fd, PageSize);
            if (read != Errno.None) return verdict.Fail($"round {round}: init's read(2): {read}");
            if (!data.AsSpan().SequenceEqual(After(round))) return verdict.Fail($"round {round}: init's read(2) after its store does not hold the stores so far");
        }
        var bytes = new List<byte>();
        while (await u.Read(pidsR, 16) is (Errno.None, { Length: > 0 } got)) bytes.AddRange(got);
        if (bytes.Count != Rounds || bytes.Any(b => b != (byte)pid)) return verdict.Fail($"the pipe held [{string.Join(',', bytes)}]; the caller ({pid}) wrote its pid {Rounds} times");
        var (waited, child, status) = await u.Wait();
        if (waited != Errno.None || child != pid) return verdict.Fail($"wait returned {waited}, pid {child} (the caller is {pid})");
        return WaitStatus.ExitStatus(status) == 0 ? 0 : verdict.Fail($"the caller ended with wait status {status:x}");
    };

    /// <summary>The caller: faults its mapping in, then per round waits for init's signal, loads <see cref="Loads"/> bytes (init's stores so far), calls getpid and writes its pid byte.</summary>
    private static async Task<int> Caller(UnixEnv c, int go, int pids, ulong at, UnixVerdict verdict)
    {
        await c.Peek(at, 1);
        for (var round = 0; round < Rounds; round++)
        {
            if (await c.Read(go, 1) is not (Errno.None, [1])) return verdict.Fail($"round {round}: the caller's read of init's signal failed");
            for (var i = 0; i < Loads; i++)
            {
                if (await c.Peek(at + (ulong)i, 1) is not [var seen] || seen != After(round)[i]) return verdict.Fail($"round {round}: the caller's mapping does not hold init's stores at offset {i}");
            }
            var (got, me, parent) = await c.Getpid();
            if (got != Errno.None || parent != 1) return verdict.Fail($"round {round}: the caller's getpid returned {got}, pid {me}, parent {parent}");
            if (await c.Write(pids, [(byte)me]) is not (Errno.None, 1)) return verdict.Fail($"round {round}: the caller's pipe write failed");
        }
        return 0;
    }
}
