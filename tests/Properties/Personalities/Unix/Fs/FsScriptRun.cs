using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Fs;

namespace MachActors.Tests.Properties.Personalities.Unix.Fs;

/// <summary>
/// Runs an <see cref="FsScript"/> against a <see cref="DiskFileSystem"/> on a fresh in-memory device of
/// 4,096 blocks of 512 bytes (room for every file at its largest, so ENOSPC never comes) and against the
/// <see cref="FsModel"/>, and lists every disagreement: an Errno, a count, a file's bytes, a directory's
/// names, or an fsck finding at a remount. Everything completes synchronously (the device is in memory).
/// </summary>
internal static class FsScriptRun
{
    public static IReadOnlyList<string> Run(FsScript script, DiskFsSeededBug bug = DiskFsSeededBug.None) =>
        RunAsync(script, bug).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<string>> RunAsync(FsScript script, DiskFsSeededBug bug)
    {
        var device = new MemoryBlockDevice(FsScript.BlockSize, 4096);
        var problems = new List<string>();
        var (formatted, why) = await DiskFileSystem.Format(device);
        if (formatted != Errno.None) return [$"format: {why}"];
        var fs = await Mount(device, script, bug, problems);
        var model = new FsModel();
        for (var i = 0; i < script.Ops.Length && fs is not null && problems.Count == 0; i++)
        {
            var op = script.Ops[i];
            if (op.Kind == FsOpKind.Remount)
            {
                fs = await Remount(fs, device, script, bug, model, problems);
                continue;
            }
            var (expected, actual) = await Step(fs, model, op, problems);
            if (expected != actual) problems.Add($"step {i} ({op}): {actual}, expected {expected}");
        }
        if (fs is not null && problems.Count == 0) await Remount(fs, device, script, bug, model, problems);
        return problems;
    }

    private static async Task<(string Expected, string Actual)> Step(DiskFileSystem fs, FsModel model, FsOp op, List<string> problems)
    {
        switch (op.Kind)
        {
            case FsOpKind.Create:
                return ($"{model.Create(op.Path)}", $"{(await fs.Create(op.Path, exclusive: false)).Error}");
            case FsOpKind.Mkdir:
                return ($"{model.Mkdir(op.Path)}", $"{await fs.Mkdir(op.Path)}");
            case FsOpKind.Unlink:
                return ($"{model.Unlink(op.Path)}", $"{await fs.Unlink(op.Path)}");
        }
        var (found, inode) = await fs.Lookup(op.Path);
        var lookup = model.LookupError(op.Path);
        if (found != lookup || found != Errno.None) return ($"lookup {lookup}", $"lookup {found}");
        var isDir = model.Dirs.Contains(op.Path);
        switch (op.Kind)
        {
            case FsOpKind.Write:
                var data = FsScript.Data(op);
                var expected = isDir ? Errno.EISDIR : model.Write(op.Path, op.Offset, data, FsScript.MaxFile);
                var (wrote, count) = await fs.Write(inode, op.Offset, data);
                return ($"{expected} {(expected == Errno.None ? data.Length : 0)}", $"{wrote} {count}");
            case FsOpKind.Truncate:
                return ($"{(isDir ? Errno.EISDIR : model.Truncate(op.Path, op.Length, FsScript.MaxFile))}", $"{await fs.Truncate(inode, op.Length)}");
            default: // Read
                var (read, bytes) = await fs.Read(inode, 0, int.MaxValue);
                if (isDir) return ($"{Errno.EISDIR}", $"{read}");
                Compare(op.Path, model.Files[op.Path], bytes, problems);
                return ($"{Errno.None}", $"{read}");
        }
    }

    private static async Task<DiskFileSystem?> Mount(IBlockDevice device, FsScript script, DiskFsSeededBug bug, List<string> problems)
    {
        var mounted = await DiskFileSystem.Mount(device, script.CacheBlocks, bug);
        if (mounted.Status != MountStatus.Mounted) problems.Add($"mount: {mounted.Status} {mounted.Error}");
        return mounted.FileSystem;
    }

    /// <summary>Syncs, mounts afresh, runs fsck and compares every directory and file with the model.</summary>
    private static async Task<DiskFileSystem?> Remount(DiskFileSystem fs, IBlockDevice device, FsScript script, DiskFsSeededBug bug, FsModel model, List<string> problems)
    {
        if (await fs.Sync() is not Errno.None and var synced) problems.Add($"sync: {synced}");
        var again = await Mount(device, script, bug, problems);
        if (again is null) return null;
        var (checkError, found) = await again.Check();
        problems.AddRange(found.Select(p => "fsck: " + p));
        if (checkError != Errno.None) problems.Add($"fsck: {checkError}");
        foreach (var dir in model.Dirs)
        {
            var (error, entries) = await again.ReadDir(dir);
            var names = string.Join(",", entries.Select(e => e.Name));
            var want = string.Join(",", model.Children(dir));
            if (error != Errno.None || names != want) problems.Add($"directory {dir}: {error} [{names}], expected [{want}]");
        }
        foreach (var (path, content) in model.Files)
        {
            var (found2, inode) = await again.Lookup(path);
            var (read, bytes) = await again.Read(inode, 0, int.MaxValue);
            if (found2 != Errno.None || read != Errno.None) problems.Add($"file {path}: {found2} {read}");
            else Compare(path, content, bytes, problems);
        }
        return again;
    }

    private static void Compare(string path, byte[] expected, byte[] actual, List<string> problems)
    {
        if (expected.AsSpan().SequenceEqual(actual)) return;
        var at = 0;
        while (at < Math.Min(expected.Length, actual.Length) && expected[at] == actual[at]) at++;
        problems.Add($"content of {path} differs: {actual.Length} bytes, expected {expected.Length}; first difference at {at}");
    }
}
