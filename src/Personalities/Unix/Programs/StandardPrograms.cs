namespace MachActors.Personalities.Unix.Programs;

/// <summary>The standard programs, registered in one place (docs/UNIX.md, "Programs"); each is in a file of its own and reaches the system only through its <see cref="Emulation.UnixEnv"/>.</summary>
public static class StandardPrograms
{
    /// <summary>Registers every standard program in <paramref name="programs"/>.</summary>
    public static UnixProgramRegistry Register(UnixProgramRegistry programs)
    {
        ArgumentNullException.ThrowIfNull(programs);
        return programs
            .Register("sh", Shell.Sh.Main)
            .Register("echo", Echo.Main)
            .Register("env", Env.Main)
            .Register("cat", Cat.Main)
            .Register("wc", Wc.Main)
            .Register("ls", Ls.Main)
            .Register("cp", Cp.Main)
            .Register("rm", Rm.Main)
            .Register("mkdir", Mkdir.Main)
            .Register("head", Head.Main)
            .Register("yes", Yes.Main)
            .Register("sleep", Sleep.Main)
            .Register("ps", Ps.Main)
            .Register("hog", Hog.Main)
            .Register("forktest", ForkTest.Main)
            .Register("mmap", Mmap.Main)
            .Register("segv", Segv.Main)
            .Register("test", Test.Main)
            .Register("[", Test.Main);
    }

    /// <summary>A registry holding the standard programs.</summary>
    public static UnixProgramRegistry Create() => Register(new UnixProgramRegistry());
}
