using MachActors.Exploration;
using MachActors.Exploration.Strategies;
using MachActors.Pagers.Sdk;
using MachActors.Scenarios;
using Spectre.Console;

namespace MachActors.Host.Explore;

/// <summary>Runs <c>explore</c> and <c>explore merge</c>: checks the settings, explores with a progress bar on a terminal, prints and saves the report.</summary>
internal static class ExploreRun
{
    /// <summary>
    /// Explores <paramref name="settings"/>'s scenario. Returns 0 without a bug, 1 with one (after
    /// printing its schedule file and replay command), 2 for an unknown scenario or bad settings (the
    /// problem goes to <paramref name="error"/>).
    /// </summary>
    public static int Execute(ExploreSettings settings, IAnsiConsole console, TextWriter error, bool terminal)
    {
        if (ScenarioCatalog.Find(settings.Scenario) is not { } scenario)
        {
            error.WriteLine($"machactors: unknown scenario '{settings.Scenario}'; known: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name))}. See 'machactors explore --help'.");
            return Cli.ExitUsage;
        }
        if (!StrategyFactory.TryCreate(settings.Strategy, out var source, out var problem) || (problem = settings.Options.Validate()) is not null)
        {
            error.WriteLine("machactors: " + problem + ". See 'machactors explore --help'.");
            return Cli.ExitUsage;
        }
        var options = settings.Options;
        if (settings.Pager is { } pager)
        {
            if (!TryPager(scenario, pager, error, out var spec)) return Cli.ExitUsage;
            options = options with { Parameters = new Dictionary<string, string>(options.Parameters) { [MachineScenario.PagerParameter] = spec } };
        }
        ExplorationReport report;
        try
        {
            report = terminal ? WithProgress(console, scenario, source!, options) : Explorer.Run(scenario, source!, options);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("machactors: explore failed: " + e.Message);
            return Cli.ExitFailure;
        }
        ExplorePrinter.Print(console, report);
        if (!Save(report, settings.ReportFile, error)) return Cli.ExitFailure;
        return report.Bugs.Count == 0 ? Cli.ExitOk : Cli.ExitFailure;
    }

    /// <summary>
    /// Checks that <paramref name="scenario"/> takes a pager plugin and that <paramref name="pager"/>
    /// loads; the plugin's canonical spec (full path) for the scenario parameters, or false after
    /// telling <paramref name="error"/> what is wrong (the caller exits 2).
    /// </summary>
    public static bool TryPager(Scenario scenario, string pager, TextWriter error, out string spec)
    {
        spec = "";
        if (scenario is not MachineScenario { AcceptsPager: true })
        {
            var takers = ScenarioCatalog.All.Where(s => s is MachineScenario { AcceptsPager: true }).Select(s => s.Name);
            error.WriteLine($"machactors: scenario '{scenario.Name}' has no memory object a --pager could serve (its pager, if any, is part of what it tests); --pager works with: {string.Join(", ", takers)}. See 'machactors explore --help'.");
            return false;
        }
        if (!PagerPlugin.TryLoad(pager, out var plugin, out var problem))
        {
            error.WriteLine("machactors: cannot use --pager: " + problem.Message + ". See docs/PAGERS.md and 'machactors explore --help'.");
            return false;
        }
        spec = plugin.Spec;
        return true;
    }

    /// <summary>
    /// Merges shard reports. Returns 0 when the merged run has no bug, 1 when it has one or a file
    /// cannot be read or written, 2 when the reports are not shards of one run.
    /// </summary>
    public static int Merge(IReadOnlyList<string> files, string? output, IAnsiConsole console, TextWriter error)
    {
        var reports = new List<ExplorationReport>();
        foreach (var file in files)
        {
            if (!ExplorationReport.TryLoad(file, out var report, out var problem))
            {
                error.WriteLine("machactors: " + problem);
                return Cli.ExitFailure;
            }
            reports.Add(report!);
        }
        if (!ExplorationReport.TryMerge(reports, out var merged, out var why))
        {
            error.WriteLine("machactors: cannot merge: " + why + ". See 'machactors explore merge --help'.");
            return Cli.ExitUsage;
        }
        ExplorePrinter.Print(console, merged!);
        if (!Save(merged!, output, error)) return Cli.ExitFailure;
        return merged!.Bugs.Count == 0 ? Cli.ExitOk : Cli.ExitFailure;
    }

    private static ExplorationReport WithProgress(IAnsiConsole console, Scenario scenario, StrategySource source, ExplorationOptions options)
    {
        ExplorationReport? report = null;
        console.Progress().Start(ctx =>
        {
            var task = ctx.AddTask($"explore {scenario.Name}");
            var progress = new Progress<ExplorationProgress>(p =>
            {
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
                task.Description = p.Bugs == 0 ? $"explore {scenario.Name}" : $"explore {scenario.Name}: {p.Bugs} bug(s)";
            });
            report = Explorer.Run(scenario, source, options, progress);
            task.Value = task.MaxValue;
        });
        return report!;
    }

    private static bool Save(ExplorationReport report, string? path, TextWriter error)
    {
        if (path is null) return true;
        try
        {
            report.Save(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"machactors: cannot write the report {path}: {e.Message}");
            return false;
        }
    }
}
