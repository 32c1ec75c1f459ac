using MachActors.Personalities.Unix.Emulation;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>
/// mmap FILE: the file to standard output, read through a private read-only mapping (its pages fault in
/// from the UNIX server's memory object for the file). mmap FILE OFFSET TEXT: TEXT is written into the
/// file at OFFSET through a shared mapping (the server writes the dirty page back; a file never grows
/// through a mapping, so bytes past its end are dropped and reported). Errors: a message, exit 1.
/// </summary>
public static class Mmap
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        if (argv.Count is not (2 or 4)) return await ProgramIo.Fail(u, "usage: mmap FILE | mmap FILE OFFSET TEXT", 2);
        var path = argv[1];
        var writing = argv.Count == 4;
        long offset = 0;
        if (writing)
        {
            if (ProgramIo.Count(argv[2]) is not { } at) return await ProgramIo.Fail(u, $"mmap: {argv[2]}: bad offset");
            offset = at;
        }
        var (opened, fd) = await u.Open(path, writing ? OpenFile.ReadWrite : OpenFile.ReadOnly);
        if (opened != Errno.None) return await ProgramIo.Fail(u, $"mmap: {path}: {ProgramIo.Message(opened)}");
        var (_, stat) = await u.Fstat(fd);
        var size = (int)Math.Min(stat!.Size, int.MaxValue);
        var text = writing ? System.Text.Encoding.UTF8.GetBytes(argv[3]) : [];
        var length = Math.Max(1, writing ? (int)offset + text.Length : size);
        var (mapped, address) = await u.Mmap(fd, 0, length, writing ? MmapProt.Read | MmapProt.Write : MmapProt.Read, writing ? MmapFlags.Shared : MmapFlags.Private);
        await u.Close(fd); // the mapping outlives the descriptor
        if (mapped != Errno.None) return await ProgramIo.Fail(u, $"mmap: {path}: {ProgramIo.Message(mapped)}");
        if (!writing)
        {
            var bytes = size == 0 ? [] : await u.Mach.Mem.Read(address, size);
            await u.Munmap(address, length);
            return (await u.Write(1, bytes)).Error == Errno.None ? 0 : 1;
        }
        await u.Mach.Mem.Write(address + (ulong)offset, text);
        await u.Munmap(address, length);
        var kept = Math.Clamp(size - offset, 0, text.Length);
        return kept < text.Length ? await ProgramIo.Fail(u, $"mmap: {path}: {text.Length - kept} bytes past the end of the file not kept") : 0;
    }
}
