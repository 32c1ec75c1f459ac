using System.Text;
using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>yes [WORD]: "y" (or the word) and a newline, forever, a buffer at a time; it ends when the output goes away (SIGPIPE, or EPIPE if that is ignored: exit 1).</summary>
public static class Yes
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        var line = (argv.Count > 1 ? string.Join(' ', argv.Skip(1)) : "y") + "\n";
        var buffer = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, Math.Max(1, ProgramIo.Chunk / line.Length))));
        while ((await u.Write(1, buffer)).Error == Errno.None)
        {
        }
        return 1;
    }
}
