using System.Globalization;
using MachActors.Actors.Timing;
using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>sleep SECONDS: waits that long in virtual time (decimals allowed: 0.5); a bad argument: usage, exit 1.</summary>
public static class Sleep
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        if (argv.Count != 2 || !decimal.TryParse(argv[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds > 1_000_000)
        {
            return await ProgramIo.Fail(u, "usage: sleep SECONDS");
        }
        await u.Sleep(Duration.FromMicroseconds((long)(seconds * 1_000_000)));
        return 0;
    }
}
