using System.Globalization;
using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>
/// forktest [N]: the bounded fork test. Forks N children (default 20, at most 200) that each exit with
/// their index, waits for all of them, and checks that every child was reaped exactly once with its own
/// status and that one more wait is ECHILD. Prints "forktest: N children ok" (exit 0) or what was wrong (exit 1).
/// </summary>
public static class ForkTest
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        var n = argv.Count > 1 ? ProgramIo.Count(argv[1]) : 20;
        if (n is not { } count || count is 0 or > 200) return await ProgramIo.Fail(u, "usage: forktest [N], 1 to 200");
        var expected = new Dictionary<int, int>();
        for (var i = 1; i <= count; i++)
        {
            var index = i;
            var (error, pid) = await u.Fork(_ => Task.FromResult(index));
            if (error != Errno.None) return await ProgramIo.Fail(u, $"forktest: fork {i}: {ProgramIo.Message(error)}");
            expected[pid] = index;
        }
        for (var i = 0; i < count; i++)
        {
            var (error, pid, status) = await u.Wait();
            if (error != Errno.None) return await ProgramIo.Fail(u, $"forktest: wait: {ProgramIo.Message(error)}");
            if (!expected.Remove(pid, out var index)) return await ProgramIo.Fail(u, $"forktest: pid {pid} reaped twice or unknown");
            if (!WaitStatus.IfExited(status) || WaitStatus.ExitStatus(status) != index) return await ProgramIo.Fail(u, $"forktest: pid {pid} ended with status {status}, not exit {index}");
        }
        if ((await u.Wait()).Error != Errno.ECHILD) return await ProgramIo.Fail(u, "forktest: a wait after the last child was not ECHILD");
        await ProgramIo.Out(u, string.Create(CultureInfo.InvariantCulture, $"forktest: {count} children ok\n"));
        return 0;
    }
}
