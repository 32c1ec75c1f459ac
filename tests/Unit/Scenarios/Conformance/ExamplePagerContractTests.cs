using MachActors.Pagers.Compressing;
using MachActors.Pagers.Dsm;
using MachActors.Scenarios.Conformance;

namespace MachActors.Tests.Unit.Scenarios.Conformance;

/// <summary>The example <see cref="MachActors.Pagers.File.FilePager"/> (a scratch folder per pager) meets the pager contract: it keeps pages across terminate (in its files), and never locks a page.</summary>
public sealed class FilePagerContractTests : PagerContractTests
{
    protected override Props CreatePager(int pageSize) => Props.Create(() => new MachActors.Pagers.File.FilePager(pageSize));

    protected override PagerVerdict? Expected(string duty) => duty == "data-unlock" ? PagerVerdict.NotApplicable : PagerVerdict.Pass;
}

/// <summary>The example <see cref="CompressingPager"/> meets the pager contract: it keeps returned pages across terminate, and never locks a page.</summary>
public sealed class CompressingPagerContractTests : PagerContractTests
{
    protected override Props CreatePager(int pageSize) => Props.Create(() => new CompressingPager(pageSize));

    protected override PagerVerdict? Expected(string duty) => duty == "data-unlock" ? PagerVerdict.NotApplicable : PagerVerdict.Pass;
}

/// <summary>
/// The example <see cref="DsmPager"/> with one node per segment (every key below 2^32 an object of its own)
/// meets the pager contract: it supplies pages with a write lock and lifts it at data_unlock, so the
/// data-unlock duty arises and must pass.
/// </summary>
public sealed class DsmPagerContractTests : PagerContractTests
{
    protected override Props CreatePager(int pageSize) => Props.Create(() => new DsmPager(pageSize));
}
