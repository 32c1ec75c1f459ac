using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>rm FILE...: unlinks each file; one that cannot be removed is reported ("rm: /d: Is a directory") and the others still go; exit 1 then (or with no file: usage).</summary>
public static class Rm
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv) =>
        await ForEachPath(u, argv, "rm", u.Unlink);

    /// <summary>Runs <paramref name="operation"/> on each path argument, reporting failures as "<paramref name="name"/>: PATH: message"; 0 when all succeeded.</summary>
    internal static async Task<int> ForEachPath(UnixEnv u, IReadOnlyList<string> argv, string name, Func<string, Task<Errno>> operation)
    {
        if (argv.Count < 2) return await ProgramIo.Fail(u, $"usage: {name} PATH...");
        var status = 0;
        foreach (var path in argv.Skip(1))
        {
            var error = await operation(path);
            if (error != Errno.None) status = await ProgramIo.Fail(u, $"{name}: {path}: {ProgramIo.Message(error)}");
        }
        return status;
    }
}
