using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>segv: a program that faults: it reads memory at address 0, which no task has mapped (EXC_BAD_ACCESS: the server ends it with SIGSEGV).</summary>
public static class Segv
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        var data = await u.Peek(0, 1);
        return data[0];
    }
}
