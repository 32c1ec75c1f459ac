using MachActors.Personalities.Unix.Emulation;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>cat [FILE...]: the files (standard input without any) to standard output. A file that does not open is reported ("cat: /x: No such file or directory") and the others are still copied; exit 1 then.</summary>
public static class Cat
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        if (argv.Count < 2) return await ProgramIo.Copy(u, 0, 1) == Errno.None ? 0 : 1;
        var status = 0;
        foreach (var path in argv.Skip(1))
        {
            var (error, fd) = await u.Open(path, OpenFile.ReadOnly);
            if (error == Errno.None)
            {
                error = await ProgramIo.Copy(u, fd, 1);
                await u.Close(fd);
            }
            if (error == Errno.EPIPE) return 1;
            if (error != Errno.None) status = await ProgramIo.Fail(u, $"cat: {path}: {ProgramIo.Message(error)}");
        }
        return status;
    }
}
