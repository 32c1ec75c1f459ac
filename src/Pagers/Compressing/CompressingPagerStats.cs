using System.Globalization;

namespace MachActors.Pagers.Compressing;

/// <summary>
/// What a <see cref="CompressingPager"/> holds and did (its answer to <see cref="GetCompressingPagerStats"/>).
/// The sizes describe the pages stored now; the counts are totals since the pager started.
/// </summary>
/// <param name="PagesStored">Pages stored now.</param>
/// <param name="RawBytes">Their raw size (pages x page size).</param>
/// <param name="CompressedBytes">What they take compressed (pages that did not shrink count raw).</param>
/// <param name="RawPages">Stored pages kept raw because they did not shrink.</param>
/// <param name="Returns">data_returns stored.</param>
/// <param name="Supplies">data_requests answered with a stored page.</param>
/// <param name="ZeroFills">data_requests answered data_unavailable (never stored).</param>
/// <param name="Refused">data_returns not stored (not one page long) and data_requests answered data_error (a stored page that did not decode).</param>
public sealed record CompressingPagerStats(int PagesStored, long RawBytes, long CompressedBytes, int RawPages, long Returns, long Supplies, long ZeroFills, long Refused)
{
    /// <summary>Raw over compressed bytes of the pages stored now (1 when nothing is stored).</summary>
    public double Ratio => CompressedBytes == 0 ? 1.0 : (double)RawBytes / CompressedBytes;

    /// <summary>One line for a run's report: pages, bytes raw and compressed, the ratio.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{PagesStored} page(s) stored, {RawBytes} bytes raw, {CompressedBytes} bytes compressed, ratio {Ratio:0.00}:1 ({RawPages} kept raw; {Returns} returns, {Supplies} supplies, {ZeroFills} zero fills, {Refused} refused)");
}
