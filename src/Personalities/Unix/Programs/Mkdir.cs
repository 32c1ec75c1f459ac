using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>mkdir DIR...: makes each directory; a failure is reported ("mkdir: /tmp: File exists"), exit 1.</summary>
public static class Mkdir
{
    /// <summary>The program.</summary>
    public static Task<int> Main(UnixEnv u, IReadOnlyList<string> argv) => Rm.ForEachPath(u, argv, "mkdir", u.Mkdir);
}
