using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>
/// env [-i] [NAME=value...] [COMMAND [ARG...]]: without a command, prints the environment, one entry per line
/// (after the changes); with one, runs it (execvp: PATH is searched) with the environment changed: -i starts
/// from an empty one, each NAME=value is set. Exit 0; 127 when the command is not found, 126 when it cannot run,
/// 125 for a bad NAME=value, 1 when standard output fails.
/// </summary>
public static class Env
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        var at = 1;
        if (at < argv.Count && argv[at] == "-i")
        {
            u.Clearenv();
            at++;
        }
        for (; at < argv.Count && argv[at].Contains('=', StringComparison.Ordinal); at++)
        {
            var eq = argv[at].IndexOf('=', StringComparison.Ordinal);
            if (u.Setenv(argv[at][..eq], argv[at][(eq + 1)..]) != Errno.None) return await ProgramIo.Fail(u, $"env: {argv[at]}: {ProgramIo.Message(Errno.EINVAL)}", 125);
        }
        if (at == argv.Count) return (await ProgramIo.Out(u, string.Concat(u.Environ.Select(e => e + "\n")))).Error == Errno.None ? 0 : 1;
        var error = await u.Exec(argv[at], [.. argv.Skip(at)]);
        return await ProgramIo.Fail(u, $"env: {argv[at]}: {ProgramIo.Message(error)}", error == Errno.ENOENT ? 127 : 126);
    }
}
