using MachActors.Personalities.Unix.Emulation;
using MachActors.Personalities.Unix.Fs;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>cp FROM TO: copies a file; TO may be a directory (then TO/NAME). Errors name the file ("cp: /x: No such file or directory"), exit 1; wrong arguments: usage, exit 1.</summary>
public static class Cp
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        if (argv.Count != 3) return await ProgramIo.Fail(u, "usage: cp FROM TO");
        var (from, to) = (argv[1], argv[2]);
        if ((await u.Stat(to)).Stat is { Kind: FileKind.Directory }) to = to.TrimEnd('/') + "/" + ProgramIo.BaseName(from);
        var (error, source) = await u.Open(from, OpenFile.ReadOnly);
        if (error != Errno.None) return await ProgramIo.Fail(u, $"cp: {from}: {ProgramIo.Message(error)}");
        if ((await u.Fstat(source)).Stat is { Kind: FileKind.Directory }) return await ProgramIo.Fail(u, $"cp: {from}: {ProgramIo.Message(Errno.EISDIR)}");
        var (created, target) = await u.Open(to, OpenFile.WriteOnly | OpenFile.Create | OpenFile.Truncate);
        if (created != Errno.None) return await ProgramIo.Fail(u, $"cp: {to}: {ProgramIo.Message(created)}");
        var copied = await ProgramIo.Copy(u, source, target);
        await u.Close(source);
        await u.Close(target);
        return copied == Errno.None ? 0 : await ProgramIo.Fail(u, $"cp: {to}: {ProgramIo.Message(copied)}");
    }
}
