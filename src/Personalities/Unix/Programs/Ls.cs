using System.Globalization;
using System.Text;
using MachActors.Personalities.Unix.Emulation;
using MachActors.Personalities.Unix.Fs;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>
/// ls [-l] [PATH...]: a directory's entries one per line (sorted), a file's path; the current directory (".") without a path.
/// With several paths each directory gets a "PATH:" header. -l: kind (d, -, c), size and name. A missing
/// path: "ls: PATH: No such file or directory", the others are still listed, exit 1.
/// </summary>
public static class Ls
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        var args = argv.Skip(1).ToList();
        var longForm = args.Remove("-l");
        if (args.Count == 0) args.Add(".");
        var status = 0;
        foreach (var path in args)
        {
            var (error, stat) = await u.Stat(path);
            if (error != Errno.None)
            {
                status = await ProgramIo.Fail(u, $"ls: {path}: {ProgramIo.Message(error)}");
                continue;
            }
            var text = new StringBuilder();
            if (stat!.Kind != FileKind.Directory) text.Append(Line(longForm, stat.Kind, stat.Size, path));
            else
            {
                var (listed, entries) = await u.ReadDir(path);
                if (listed != Errno.None)
                {
                    status = await ProgramIo.Fail(u, $"ls: {path}: {ProgramIo.Message(listed)}");
                    continue;
                }
                if (args.Count > 1) text.Append(path).Append(":\n");
                foreach (var entry in entries)
                {
                    var size = longForm ? (await u.Stat(path.TrimEnd('/') + "/" + entry.Name)).Stat?.Size ?? 0 : 0;
                    text.Append(Line(longForm, entry.Kind, size, entry.Name));
                }
            }
            if ((await ProgramIo.Out(u, text.ToString())).Error != Errno.None) return 1;
        }
        return status;
    }

    private static string Line(bool longForm, FileKind kind, long size, string name)
    {
        if (!longForm) return name + "\n";
        var k = kind switch { FileKind.Directory => 'd', FileKind.CharDevice => 'c', _ => '-' };
        return string.Create(CultureInfo.InvariantCulture, $"{k} {size,8} {name}\n");
    }
}
