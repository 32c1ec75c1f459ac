using MachActors.Scenarios.Conformance;

namespace MachActors.Tests.Unit.Scenarios.Conformance;

/// <summary>
/// The contract suite finds seeded pager bugs (<c>SeededPagers.cs</c>): each broken pager fails the duty
/// it breaks, with a reason saying what was wrong, on both dispatchers; pagers that bend a duty within
/// the protocol get the advisory verdict, and one that locks pages meets data-unlock.
/// </summary>
public sealed class SeededPagerContractTests
{
    private static DutyResult Run<T>(string duty, DispatcherKind dispatcher) where T : Actor =>
        PagerContract.RunOn(PagerContract.Find(duty)!, size => Props.Create(typeof(T), () => (Actor)Activator.CreateInstance(typeof(T), size)!), dispatcher);

    private static void Fails<T>(string duty, DispatcherKind dispatcher, string reason) where T : Actor
    {
        var result = Run<T>(duty, dispatcher);

        Assert.True(result.Verdict == PagerVerdict.Fail, $"{typeof(T).Name} {duty}: {result.Verdict}: {result.Detail}");
        Assert.Contains(reason, result.Detail);
    }

    [Theory]
    [MemberData(nameof(MachineKitDispatchers))]
    public void Ready_APagerThatNeverAnswersInit_Fails(DispatcherKind dispatcher) =>
        Fails<SilentInitPager>("ready", dispatcher, "init was never answered with ready");

    [Theory]
    [MemberData(nameof(MachineKitDispatchers))]
    public void Supply_AHalfPageSupply_FailsAsMalformed(DispatcherKind dispatcher) =>
        Fails<HalfPagePager>("supply", dispatcher, "with a page of 2048 bytes (the page size is 4096)");

    [Theory]
    [MemberData(nameof(MachineKitDispatchers))]
    public void Supply_APagerThrowingInItsHandler_FailsNamingTheException(DispatcherKind dispatcher) =>
        Fails<ThrowingSupplyPager>("supply", dispatcher, "the pager stopped (InvalidOperationException: seeded data_request bug)");

    [Theory]
    [MemberData(nameof(MachineKitDispatchers))]
    public void ReturnRefault_APagerDroppingReturnedPages_Fails(DispatcherKind dispatcher) =>
        Fails<ForgetfulPager>("return-refault", dispatcher, "(the written byte); the pager was handed");

    [Theory]
    [MemberData(nameof(MachineKitDispatchers))]
    public void SeparateObjects_OneStoreForAllObjects_Fails(DispatcherKind dispatcher) =>
        Fails<OneStorePager>("separate-objects", dispatcher, "page");

    [Theory]
    [MemberData(nameof(MachineKitDispatchers))]
    public void DataUnlock_APagerSilentOnUnlock_Fails(DispatcherKind dispatcher) =>
        Fails<UnlockIgnoringPager>("data-unlock", dispatcher, "was never answered with a lock_request");

    [Theory]
    [MemberData(nameof(MachineKitDispatchers))]
    public void StalePorts_APagerApplyingAStaleReturn_Fails(DispatcherKind dispatcher) =>
        Fails<StaleTrustingPager>("stale-ports", dispatcher, "the pager applied a data_return");

    [Theory]
    [MemberData(nameof(MachineKitDispatchers))]
    public void DataUnlock_APagerThatLocksAndLifts_Passes(DispatcherKind dispatcher)
    {
        var result = Run<WriteLockingPager>("data-unlock", dispatcher);

        Assert.True(result.Verdict == PagerVerdict.Pass, result.Detail);
        Assert.Contains("the writes went through", result.Detail);
    }

    [Theory]
    [MemberData(nameof(MachineKitDispatchers))]
    public void Terminate_APagerForgettingPages_IsAdvisoryDoesNotPersist(DispatcherKind dispatcher)
    {
        var result = Run<ForgetfulPager>("terminate", dispatcher);

        Assert.True(result.Verdict == PagerVerdict.Advisory, result.Detail);
        Assert.StartsWith("does not persist", result.Detail);
    }

    [Theory]
    [MemberData(nameof(MachineKitDispatchers))]
    public void Unsolicited_ReadAhead_IsAdvisory(DispatcherKind dispatcher)
    {
        var result = Run<ReadAheadPager>("unsolicited", dispatcher);

        Assert.True(result.Verdict == PagerVerdict.Advisory, result.Detail);
        Assert.Contains("with no data_request outstanding", result.Detail);
    }

    [Fact]
    public void Run_AFailureOnOneDispatcher_IsTheVerdictAndNamesIt()
    {
        var result = PagerContract.Run(PagerContract.Find("ready")!, size => Props.Create(() => new SilentInitPager(size)));

        Assert.Equal(PagerVerdict.Fail, result.Verdict);
        Assert.Contains("init was never answered", result.Detail);
    }

    public static TheoryData<DispatcherKind> MachineKitDispatchers => Kernel.MachineKit.Dispatchers;
}
