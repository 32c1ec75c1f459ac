using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>echo [-n] WORD...: the words, separated by blanks, and a newline (none with -n). Exit 0; 1 when standard output fails.</summary>
public static class Echo
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        var newline = !(argv.Count > 1 && argv[1] == "-n");
        var words = argv.Skip(newline ? 1 : 2);
        var (error, _) = await ProgramIo.Out(u, string.Join(' ', words) + (newline ? "\n" : ""));
        return error == Errno.None ? 0 : 1;
    }
}
