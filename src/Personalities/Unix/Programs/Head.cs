using MachActors.Personalities.Unix.Emulation;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>
/// head [-N | -n N] [FILE]: the first N lines (10) of the file or standard input, then it exits
/// without reading further (so `yes | head -1` ends: yes gets SIGPIPE). Bad count or missing file:
/// a message, exit 1.
/// </summary>
public static class Head
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        var args = argv.Skip(1).ToList();
        long lines = 10;
        if (args.Count > 0 && args[0].StartsWith('-'))
        {
            var text = args[0] == "-n" && args.Count > 1 ? args[1] : args[0][1..];
            if (ProgramIo.Count(text) is not { } n) return await ProgramIo.Fail(u, $"head: {text}: bad line count");
            lines = n;
            args.RemoveRange(0, args[0] == "-n" ? Math.Min(2, args.Count) : 1);
        }
        var fd = 0;
        if (args.Count > 0)
        {
            var (error, opened) = await u.Open(args[0], OpenFile.ReadOnly);
            if (error != Errno.None) return await ProgramIo.Fail(u, $"head: {args[0]}: {ProgramIo.Message(error)}");
            fd = opened;
        }
        while (lines > 0)
        {
            var (error, data) = await ProgramIo.Read(u, fd);
            if (error != Errno.None || data.Length == 0) return error == Errno.None ? 0 : 1;
            var end = 0;
            while (end < data.Length && lines > 0)
            {
                if (data[end++] == '\n') lines--;
            }
            if ((await u.Write(1, data.AsMemory(0, end))).Error != Errno.None) return 1;
        }
        return 0;
    }
}
