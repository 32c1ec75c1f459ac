using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Scenarios.Unix;

/// <summary>
/// Several writers on one pipe, and wait (docs/UNIX.md, "Pipes", "Processes"): init makes a pipe and forks
/// <see cref="Writers"/> children; each writes <see cref="Chunks"/> chunks of <see cref="ChunkBytes"/> bytes
/// (far under PIPE_BUF and the pipe's 4,096-byte buffer, so each write is atomic) and exits with its own
/// status. Init closes its write end, reads to end of file in reads of <see cref="ReadBytes"/> (which cut
/// across chunks), then waits once per child and once more. The check: the stream is whole chunks only,
/// each writer's in order, all of them before end of file; each wait reaps a child not reaped before, with
/// its status; the last wait fails with ECHILD.
/// </summary>
public class PipeWaitScenario : UnixScenario
{
    /// <summary>The children writing.</summary>
    public const int Writers = 3;

    /// <summary>Chunks per writer.</summary>
    public const int Chunks = 3;

    /// <summary>Bytes per chunk: writer number, chunk number, then a pattern of both.</summary>
    public const int ChunkBytes = 24;

    /// <summary>The count of each read(2) init makes.</summary>
    public const int ReadBytes = 20;

    /// <inheritdoc />
    public override string Name => "unix-pipe-wait";

    /// <inheritdoc />
    public override string Description => "UNIX: children write chunks to one pipe and exit; the parent reads to EOF (whole chunks, each writer's in order) and reaps each child once";

    /// <summary>Writer <paramref name="writer"/>'s exit status.</summary>
    public static int StatusOf(int writer) => 10 + writer;

    /// <summary>Chunk <paramref name="chunk"/> of writer <paramref name="writer"/>.</summary>
    public static byte[] Chunk(int writer, int chunk)
    {
        var bytes = new byte[ChunkBytes];
        bytes[0] = (byte)writer;
        bytes[1] = (byte)chunk;
        for (var i = 2; i < ChunkBytes; i++) bytes[i] = (byte)(0x40 + (writer * 37) + (chunk * 11) + i);
        return bytes;
    }

    /// <inheritdoc />
    protected override UnixProgram Init(UnixVerdict verdict) => async (u, _) =>
    {
        var (piped, r, w) = await u.Pipe();
        if (piped != Errno.None) return verdict.Fail($"pipe: {piped}");
        var children = new Dictionary<int, int>();
        for (var writer = 0; writer < Writers; writer++)
        {
            var me = writer;
            var (forked, pid) = await u.Fork(async c =>
            {
                await c.Close(r);
                for (var chunk = 0; chunk < Chunks; chunk++)
                {
                    if (await c.Write(w, Chunk(me, chunk)) is not (Errno.None, ChunkBytes)) return verdict.Fail($"writer {me}'s write of chunk {chunk} was short or failed");
                }
                return StatusOf(me);
            });
            if (forked != Errno.None) return verdict.Fail($"fork: {forked}");
            children[pid] = StatusOf(me);
        }
        await u.Close(w);
        var stream = new List<byte>();
        while (true)
        {
            var (error, data) = await u.Read(r, ReadBytes);
            if (error != Errno.None) return verdict.Fail($"read: {error} after {stream.Count} bytes");
            if (data.Length == 0) break;
            stream.AddRange(data);
        }
        if (StreamWrong([.. stream]) is { } wrong) verdict.Fail(wrong);
        return await ReapEach(u, children, verdict);
    };

    /// <summary>Waits once per child and once more: each child reaped once with its status, then ECHILD.</summary>
    private static async Task<int> ReapEach(UnixEnv u, Dictionary<int, int> children, UnixVerdict verdict)
    {
        var reaped = new HashSet<int>();
        for (var i = 0; i <= children.Count; i++)
        {
            var (error, pid, status) = await u.Wait();
            if (i == children.Count)
            {
                return error == Errno.ECHILD ? 0 : verdict.Fail($"wait after every child was reaped returned {error}, pid {pid}, not ECHILD");
            }
            if (error != Errno.None) return verdict.Fail($"wait {i + 1} of {children.Count} failed: {error}");
            if (!children.TryGetValue(pid, out var expected)) return verdict.Fail($"wait {i + 1} returned pid {pid}, not a child");
            if (!reaped.Add(pid)) return verdict.Fail($"wait {i + 1} reaped child {pid} twice");
            if (!WaitStatus.IfExited(status) || WaitStatus.ExitStatus(status) != expected) return verdict.Fail($"child {pid} reaped with wait status {status:x}, exited {expected}");
        }
        return 0;
    }

    /// <summary>What is wrong with the bytes read before end of file (torn, altered, reordered or missing chunks), or null.</summary>
    public static string? StreamWrong(byte[] stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var next = new int[Writers];
        for (var at = 0; at + ChunkBytes <= stream.Length; at += ChunkBytes)
        {
            var writer = stream[at];
            if (writer >= Writers) return $"the pipe's stream: the bytes at {at} start no chunk (torn or altered chunk)";
            var chunk = Chunk(writer, next[writer]);
            if (!stream.AsSpan(at, ChunkBytes).SequenceEqual(chunk)) return $"the pipe's stream: the chunk at {at} is not writer {writer}'s chunk {next[writer]} (torn, altered or out of order)";
            next[writer]++;
        }
        if (stream.Length != Writers * Chunks * ChunkBytes) return $"the pipe's stream: end of file after {stream.Length} bytes, the writers wrote {Writers * Chunks * ChunkBytes}";
        return null;
    }
}
