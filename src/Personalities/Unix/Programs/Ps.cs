using System.Globalization;
using System.Text;
using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>ps: the server's process table (getprocs), a header and one line per process: pid, parent, state (R running, Z zombie) and program.</summary>
public static class Ps
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        var (error, processes) = await u.Procs();
        if (error != Errno.None) return await ProgramIo.Fail(u, $"ps: {ProgramIo.Message(error)}");
        var text = new StringBuilder("  PID  PPID S COMMAND\n");
        foreach (var p in processes) text.Append(CultureInfo.InvariantCulture, $"{p.Pid,5} {p.Parent,5} {(p.Zombie ? 'Z' : 'R')} {p.Name}\n");
        return (await ProgramIo.Out(u, text.ToString())).Error == Errno.None ? 0 : 1;
    }
}
