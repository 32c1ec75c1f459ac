using System.Globalization;
using MachActors.Exploration;
using MachActors.Exploration.Strategies;

namespace MachActors.Scenarios.Conformance;

/// <summary>One row of a pager check's verdict table: a duty, or the exploration of a scenario.</summary>
/// <param name="Name">The duty's name, or <c>explore SCENARIO</c>.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Detail">Why: what was seen, or the race found.</param>
/// <param name="ScheduleFile">For a race: the schedule file written (replay it with <see cref="ReplayCommand"/>), or null.</param>
/// <param name="PagerStopped">The pager's exception when it stopped, or null.</param>
public sealed record PagerCheckRow(string Name, PagerVerdict Verdict, string Detail, string? ScheduleFile = null, string? PagerStopped = null)
{
    /// <summary>The command that replays the race, or null.</summary>
    public string? ReplayCommand => ScheduleFile is null ? null : "machactors replay " + ScheduleFile;
}

/// <summary>The budget of a pager check's explorations.</summary>
public sealed record PagerCheckOptions
{
    /// <summary>Iterations per strategy per scenario (random, then PCT). Default 50.</summary>
    public long Iterations { get; init; } = 50;

    /// <summary>The exploration seed. Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Where schedule files of races go. Default <c>machactors-bugs</c>.</summary>
    public string OutputDirectory { get; init; } = "machactors-bugs";

    /// <summary>Iterations run at once. Default: one per core.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>
/// <c>machactors pager-check</c>'s engine (docs/PAGERS.md, "Conformance"): the contract suite
/// (<see cref="PagerContract.Duties"/>, each on both dispatchers), then an exploration budget over every
/// scenario that takes a pager (<see cref="MachineScenario.AcceptsPager"/>): random, then PCT, each
/// <see cref="PagerCheckOptions.Iterations"/> iterations from <see cref="PagerCheckOptions.Seed"/>,
/// stopping at the first race, whose schedule file becomes the row's detail.
/// </summary>
public static class PagerCheck
{
    /// <summary>The strategies of the exploration budget, in order.</summary>
    public static IReadOnlyList<string> Strategies { get; } = ["random", "pct"];

    /// <summary>The scenarios explored: those whose memory object a pager plugin may serve.</summary>
    public static IReadOnlyList<Scenario> Scenarios { get; } = [.. ScenarioCatalog.All.Where(s => s is MachineScenario { AcceptsPager: true })];

    /// <summary>
    /// Checks the pager <paramref name="pager"/> makes: every duty, then every scenario explored with
    /// the plugin <paramref name="plugin"/> (its canonical spec; null explores with the scenarios' own
    /// <c>MemoryPager</c>). <paramref name="progress"/> hears each row's name before it runs.
    /// </summary>
    public static IReadOnlyList<PagerCheckRow> Run(PagerFactory pager, string? plugin, PagerCheckOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(pager);
        ArgumentNullException.ThrowIfNull(options);
        var rows = new List<PagerCheckRow>();
        foreach (var duty in PagerContract.Duties)
        {
            progress?.Report(duty.Name);
            var result = PagerContract.Run(duty, pager);
            rows.Add(new PagerCheckRow(duty.Name, result.Verdict, result.Detail, null, result.PagerStopped));
        }
        foreach (var scenario in Scenarios)
        {
            progress?.Report("explore " + scenario.Name);
            rows.Add(Explore(scenario, plugin, options));
        }
        return rows;
    }

    /// <summary>Explores <paramref name="scenario"/> with each strategy in turn; the first race found fails the row with its schedule file.</summary>
    public static PagerCheckRow Explore(Scenario scenario, string? plugin, PagerCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        var name = "explore " + scenario.Name;
        var exploration = new ExplorationOptions
        {
            Iterations = options.Iterations,
            Seed = options.Seed,
            Parallelism = options.Parallelism,
            OutputDirectory = options.OutputDirectory,
            Parameters = plugin is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [MachineScenario.PagerParameter] = plugin },
        };
        foreach (var strategy in Strategies)
        {
            ExplorationReport report;
            try
            {
                report = Explorer.Run(scenario, StrategyFactory.Create(new StrategyOptions { Name = strategy }), exploration);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                return new PagerCheckRow(name, PagerVerdict.Fail, "the exploration could not run: " + e.Message);
            }
            if (report.Bugs.FirstOrDefault() is { } bug)
            {
                var detail = Inv($"{strategy} iteration {bug.Iteration}: {bug.Bug.Kind}: {bug.Bug.Text}");
                return new PagerCheckRow(name, PagerVerdict.Fail, detail, bug.ScheduleFile);
            }
        }
        return new PagerCheckRow(name, PagerVerdict.Pass, Inv($"{string.Join(" + ", Strategies.Select(s => $"{s} {options.Iterations}"))} iterations (seed {options.Seed}): no race"));
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
