using MachActors.Scenarios.Conformance;

namespace MachActors.Tests.Unit.Scenarios.Conformance;

/// <summary>
/// The pager contract suite (<see cref="PagerContract.Duties"/>, docs/PAGERS.md "Conformance") as tests:
/// a pager's test class inherits this and says how to make the pager (<see cref="CreatePager"/>); every
/// duty then runs on whole machines with it, on both dispatchers, and must not fail. A class may also
/// pin the verdict it expects for a duty (<see cref="Expected"/>), so a pass that turns into
/// "not applicable" is noticed.
/// </summary>
public abstract class PagerContractTests
{
    /// <summary>Every duty on both dispatchers.</summary>
    public static TheoryData<string, DispatcherKind> Duties
    {
        get
        {
            var data = new TheoryData<string, DispatcherKind>();
            foreach (var duty in PagerContract.Duties)
            {
                data.Add(duty.Name, DispatcherKind.Controlled);
                data.Add(duty.Name, DispatcherKind.Parallel);
            }
            return data;
        }
    }

    /// <summary>The pager under test, for a machine with pages of <paramref name="pageSize"/> bytes.</summary>
    protected abstract Props CreatePager(int pageSize);

    /// <summary>The verdict expected for <paramref name="duty"/>, or null for any verdict but a failure. Default null.</summary>
    protected virtual PagerVerdict? Expected(string duty) => null;

    [Theory]
    [MemberData(nameof(Duties))]
    public void Duty_OnThePager_IsMet(string duty, DispatcherKind dispatcher)
    {
        var result = PagerContract.RunOn(PagerContract.Find(duty)!, CreatePager, dispatcher);

        Assert.True(result.Verdict != PagerVerdict.Fail, $"{duty}: {result.Detail}");
        if (Expected(duty) is { } expected) Assert.True(result.Verdict == expected, $"{duty}: expected {expected}, got {result.Verdict}: {result.Detail}");
    }
}
