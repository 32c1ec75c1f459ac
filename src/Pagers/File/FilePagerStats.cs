using System.Collections.Immutable;
using System.Globalization;

namespace MachActors.Pagers.File;

/// <summary>What a <see cref="FilePager"/> did (its answer to <see cref="GetFilePagerStats"/>); counts since it started.</summary>
/// <param name="Files">The host file of every memory object it served, by key.</param>
/// <param name="Scratch">Whether the files are in a scratch folder of the pager's own, removed when the pager stops.</param>
/// <param name="PagesRead">data_requests answered with bytes of the file.</param>
/// <param name="ZeroFills">data_requests beyond the end of the file (data_unavailable).</param>
/// <param name="PagesWritten">data_returns written to the file.</param>
/// <param name="Errors">data_requests answered data_error (the file could not be read) and data_returns that could not be written (kept in memory).</param>
/// <param name="LastError">The last host error, or null.</param>
public sealed record FilePagerStats(ImmutableSortedDictionary<long, string> Files, bool Scratch, long PagesRead, long ZeroFills, long PagesWritten, long Errors, string? LastError)
{
    /// <summary>One line for a run's report: the files, then the counts.</summary>
    public override string ToString()
    {
        var files = Files.Count == 0 ? "no file used" : string.Join(", ", Files.Select(f => string.Create(CultureInfo.InvariantCulture, $"object {f.Key} -> {f.Value}")));
        var scratch = Scratch ? " (a scratch folder, removed when the pager stops)" : "";
        var error = LastError is null ? "" : "; last error: " + LastError;
        return string.Create(CultureInfo.InvariantCulture, $"{files}{scratch}; {PagesRead} page(s) read, {ZeroFills} zero fill(s), {PagesWritten} written, {Errors} error(s){error}");
    }
}
