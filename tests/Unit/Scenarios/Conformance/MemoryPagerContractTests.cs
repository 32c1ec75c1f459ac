using MachActors.Pagers.Memory;
using MachActors.Scenarios.Conformance;

namespace MachActors.Tests.Unit.Scenarios.Conformance;

/// <summary>The built-in <see cref="MemoryPager"/> meets the pager contract: every duty passes, except data-unlock, which never arises (it locks no page).</summary>
public sealed class MemoryPagerContractTests : PagerContractTests
{
    protected override Props CreatePager(int pageSize) => Props.Create(() => new MemoryPager(pageSize, Duration.FromMilliseconds(1)));

    protected override PagerVerdict? Expected(string duty) => duty == "data-unlock" ? PagerVerdict.NotApplicable : PagerVerdict.Pass;
}
