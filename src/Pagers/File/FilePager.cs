using System.Collections.Immutable;
using System.Globalization;
using MachActors.Actors;
using MachActors.Kernel;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Sdk;

namespace MachActors.Pagers.File;

/// <summary>
/// A pager whose memory objects are host files (docs/PAGERS.md, "The file pager"): one file per memory
/// object, page P of the object = bytes [P x page size, + page size) of its file, so what a task writes
/// through a mapping is in the file after the run. On the pager SDK. init: ready, not cached, COPY_DELAY.
/// data_request: the block read from the file and supplied (not precious, no lock; a short tail padded
/// with zeros); at or beyond the end of the file: data_unavailable (zero fill); the file cannot be read:
/// data_error (KERN_MEMORY_ERROR; the faulting thread takes EXC_BAD_ACCESS). data_return: the block
/// written back (the file grows as needed); a write that fails keeps the page in the pager's memory and
/// serves it from there. Since the object is not cached, the kernel returns every modified page at the
/// last unmap (before terminate), which is when a mapped file's changes reach the disk at the latest.
/// The file is an external input: the I/O is synchronous inside the handler's turn (no threads, no
/// tasks), so it changes what a page holds but never when anything happens; the run stays deterministic
/// as long as nobody else changes the file meanwhile. Nothing here throws on kernel or file input.
/// </summary>
public class FilePager : Pager
{
    private readonly IReadOnlyDictionary<long, string>? _files;
    private readonly bool _scratch;
    private readonly Dictionary<(long Key, long Offset), ImmutableArray<byte>> _unwritten = [];
    private readonly SortedDictionary<long, string> _used = [];
    private string? _folder;
    private long _read;
    private long _zeroFills;
    private long _written;
    private long _errors;
    private string? _lastError;

    /// <summary>
    /// A file pager on a scratch folder of its own (a new folder in the host's temp folder, made when the
    /// pager starts and removed when it stops): memory object K is the file <c>object-K.bin</c> there,
    /// empty until written. This is the plugin convention's constructor (<c>--pager file</c>, the contract tests).
    /// </summary>
    /// <param name="pageSize">The kernel's page size in bytes.</param>
    public FilePager(int pageSize)
        : base(pageSize)
    {
        _scratch = true;
    }

    /// <summary>A file pager on <paramref name="folder"/> (kept): memory object K is the file <c>object-K.bin</c> there; a file that does not exist yet is an empty object, created at the first write.</summary>
    /// <param name="pageSize">The kernel's page size in bytes.</param>
    /// <param name="folder">The folder of the objects' files.</param>
    public FilePager(int pageSize, string folder)
        : base(pageSize)
    {
        ArgumentNullException.ThrowIfNull(folder);
        _folder = Path.GetFullPath(folder);
    }

    /// <summary>
    /// A file pager serving the files named: memory object K is <c>files[K]</c>, which must exist (a file
    /// that is missing or unreadable answers data_error, as does a key not in the table). This is how an
    /// existing file is mapped.
    /// </summary>
    /// <param name="pageSize">The kernel's page size in bytes.</param>
    /// <param name="files">The file of each memory object key.</param>
    public FilePager(int pageSize, IReadOnlyDictionary<long, string> files)
        : base(pageSize)
    {
        ArgumentNullException.ThrowIfNull(files);
        _files = files.ToDictionary(f => f.Key, f => Path.GetFullPath(f.Value));
    }

    /// <summary>Files that do not exist are empty objects (folder modes), not errors (named files).</summary>
    private bool MissingIsEmpty => _files is null;

    /// <summary>The file of memory object <paramref name="key"/> in a folder pager's <paramref name="folder"/>: <c>object-K.bin</c>.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="key">The memory object key.</param>
    public static string FileIn(string folder, long key) => Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"object-{key}.bin"));

    /// <summary>The file of memory object <paramref name="key"/>, or null when it has none.</summary>
    private string? FileOf(long key) => _files is not null ? _files.GetValueOrDefault(key) : _folder is null ? null : FileIn(_folder, key);

    /// <summary>A scratch pager makes its folder (a new, empty one).</summary>
    protected override void PreStart()
    {
        if (_scratch) _folder = System.IO.Directory.CreateTempSubdirectory("machactors-file-pager-").FullName;
    }

    /// <summary>GetFilePagerStats: replies the stats to the sender. Everything else: the SDK (kernel messages).</summary>
    protected override void OnReceive(object message)
    {
        if (message is GetFilePagerStats)
        {
            Sender.Tell(new FilePagerStats(_used.ToImmutableSortedDictionary(), _scratch, _read, _zeroFills, _written, _errors, _lastError), Self);
            return;
        }
        base.OnReceive(message);
    }

    /// <summary>init: the object's file is noted (for the stats), then ready (not cached, COPY_DELAY).</summary>
    protected override void OnInit(MemoryObjectInit init)
    {
        ArgumentNullException.ThrowIfNull(init);
        if (FileOf(init.Key) is { } path) _used[init.Key] = path;
        base.OnInit(init);
    }

    /// <summary>data_request: a page whose write failed is supplied from memory; else the file's block (supply), nothing there (data_unavailable), or a read error or unknown object (data_error, KERN_MEMORY_ERROR).</summary>
    protected override void OnDataRequest(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = KeyOf(request.Control);
        if (_unwritten.TryGetValue((key, request.Offset), out var kept))
        {
            Supply(request.Control, request.Offset, kept);
            return;
        }
        var read = FileOf(key) is { } path ? PageFile.Read(path, request.Offset, PageSize, MissingIsEmpty) : PageRead.Fail($"no file for memory object {key}");
        if (read.HasData)
        {
            _read++;
            Supply(request.Control, request.Offset, read.Data);
        }
        else if (read.Problem is null)
        {
            _zeroFills++;
            Unavailable(request.Control, request.Offset, PageSize);
        }
        else
        {
            Failed(read.Problem);
            Error(request.Control, request.Offset, PageSize, KernReturn.MemoryError);
        }
    }

    /// <summary>data_return: a modified page is written to the file; if that fails it is kept in memory (served on the next request) and counted. A clean page (only a precious one could come back clean, and none is supplied precious) is ignored.</summary>
    protected override void OnDataReturn(DataReturn returned)
    {
        ArgumentNullException.ThrowIfNull(returned);
        if (!returned.Dirty || returned.Data.Length != PageSize) return;
        var key = KeyOf(returned.Control);
        var problem = FileOf(key) is { } path ? PageFile.Write(path, returned.Offset, returned.Data.AsSpan(), MissingIsEmpty) : $"no file for memory object {key}";
        if (problem is null)
        {
            _written++;
            _unwritten.Remove((key, returned.Offset));
            return;
        }
        Failed(problem);
        _unwritten[(key, returned.Offset)] = returned.Data;
    }

    /// <summary>A scratch folder is removed (files and all); a folder that cannot be removed is left.</summary>
    protected override void PostStop()
    {
        if (!_scratch || _folder is null) return;
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // left behind: the host's temp folder is cleaned by the host
        }
    }

    private void Failed(string problem)
    {
        _errors++;
        _lastError = problem;
    }
}
