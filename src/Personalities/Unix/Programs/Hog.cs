using System.Globalization;
using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>
/// hog PAGES: a memory hog. Allocates PAGES pages, writes a pattern naming each page into it, then
/// reads every page back and checks it: on a machine with less memory than that and a swap disk the
/// first pages are paged out and back in. Prints "hog: N pages ok" (exit 0), or the first page that
/// came back wrong (exit 1); no memory: ENOMEM, exit 1.
/// </summary>
public static class Hog
{
    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        if (argv.Count != 2 || ProgramIo.Count(argv[1]) is not { } pages || pages is 0 or > 1 << 20) return await ProgramIo.Fail(u, "usage: hog PAGES");
        var size = (ulong)u.PageSize;
        var (error, address) = await u.Allocate((ulong)pages * size);
        if (error != Errno.None) return await ProgramIo.Fail(u, $"hog: {ProgramIo.Message(error)}");
        for (long i = 0; i < pages; i++) await u.Poke(address + ((ulong)i * size), Pattern(i));
        for (long i = 0; i < pages; i++)
        {
            var expected = Pattern(i);
            var data = await u.Peek(address + ((ulong)i * size), expected.Length);
            if (!data.AsSpan().SequenceEqual(expected)) return await ProgramIo.Fail(u, $"hog: page {i} came back wrong");
        }
        await ProgramIo.Out(u, string.Create(CultureInfo.InvariantCulture, $"hog: {pages} pages ok\n"));
        return 0;
    }

    private static byte[] Pattern(long page) => System.Text.Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"page {page} of the hog"));
}
