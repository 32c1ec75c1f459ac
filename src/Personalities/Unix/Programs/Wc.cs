using System.Globalization;
using MachActors.Personalities.Unix.Emulation;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>
/// wc [-l] [-w] [-c] [FILE]: lines, words and bytes of the file (standard input without one), the
/// selected counts (all three by default) separated by blanks, then the file's name if one was given.
/// `echo hello | wc -c` prints 6. A bad option or a missing file: a message and exit 1.
/// </summary>
public static class Wc
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        var options = argv.Skip(1).TakeWhile(a => a.StartsWith('-') && a.Length > 1).ToList();
        var files = argv.Skip(1 + options.Count).ToList();
        var flags = string.Concat(options.Select(o => o[1..]));
        if (flags.Any(f => f is not ('l' or 'w' or 'c'))) return await ProgramIo.Fail(u, "usage: wc [-lwc] [FILE]");
        if (flags.Length == 0) flags = "lwc";
        var fd = 0;
        if (files.Count > 0)
        {
            var (error, opened) = await u.Open(files[0], OpenFile.ReadOnly);
            if (error != Errno.None) return await ProgramIo.Fail(u, $"wc: {files[0]}: {ProgramIo.Message(error)}");
            fd = opened;
        }
        long lines = 0, words = 0, bytes = 0;
        var inWord = false;
        while (true)
        {
            var (error, data) = await ProgramIo.Read(u, fd);
            if (error != Errno.None) return await ProgramIo.Fail(u, $"wc: {ProgramIo.Message(error)}");
            if (data.Length == 0) break;
            bytes += data.Length;
            foreach (var b in data)
            {
                if (b == '\n') lines++;
                var blank = b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
                if (!blank && !inWord) words++;
                inWord = !blank;
            }
        }
        var counts = new List<string>();
        if (flags.Contains('l')) counts.Add(lines.ToString(CultureInfo.InvariantCulture));
        if (flags.Contains('w')) counts.Add(words.ToString(CultureInfo.InvariantCulture));
        if (flags.Contains('c')) counts.Add(bytes.ToString(CultureInfo.InvariantCulture));
        if (files.Count > 0) counts.Add(files[0]);
        return (await ProgramIo.Out(u, string.Join(' ', counts) + "\n")).Error == Errno.None ? 0 : 1;
    }
}
