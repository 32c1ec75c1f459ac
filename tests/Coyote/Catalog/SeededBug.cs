using MachActors.Exploration;

namespace MachActors.Tests.Coyote.Catalog;

/// <summary>
/// One seeded bug of tests/Coyote (<see cref="SeededBugCatalog"/>): a scenario with a bug put in on purpose
/// (a kernel variant through <c>MachineScenario.Seeded</c>, a seeded pager, or a racy toy actor), the race
/// it seeds, and what finding it looks like.
/// </summary>
/// <param name="Name">"scenario/bug", the row of the iterations-to-find table.</param>
/// <param name="Race">The race or property it seeds: a spec R-number or invariant (../shared/spec/pager-protocol.md), a VM property letter (docs/VM.md), or an IPC rule (docs/IPC.md).</param>
/// <param name="Create">Makes the buggy scenario.</param>
/// <param name="Kind">The kind of bug the exploration reports.</param>
/// <param name="Fragments">Text every report of it contains (the monitor or check that finds it).</param>
public sealed record SeededBug(string Name, string Race, Func<Scenario> Create, BugKind Kind, params string[] Fragments)
{
    /// <summary>The early-timer chance per decision the strategies need to find it (0: none; see <c>Harness/EarlyTimerChecks</c>).</summary>
    public double EarlyTimers { get; init; }

    /// <summary>Whether <paramref name="bug"/> is this seeded bug: its kind, with every fragment in its text.</summary>
    public bool Matches(Bug bug)
    {
        ArgumentNullException.ThrowIfNull(bug);
        return bug.Kind == Kind && Fragments.All(f => bug.Text.Contains(f, StringComparison.Ordinal));
    }

    /// <summary>Asserts <paramref name="bug"/> is this seeded bug (kind first, then each fragment, so a failure says which).</summary>
    public void AssertIs(Bug bug)
    {
        ArgumentNullException.ThrowIfNull(bug);
        Assert.Equal(Kind, bug.Kind);
        foreach (var fragment in Fragments) Assert.Contains(fragment, bug.Text, StringComparison.Ordinal);
    }

    /// <summary>The name (xunit shows it for theory rows).</summary>
    public override string ToString() => Name;
}
