using System.Globalization;
using MachActors.Exploration;
using Spectre.Console;

namespace MachActors.Host.Explore;

/// <summary>Prints exploration reports and replays as tables.</summary>
internal static class ExplorePrinter
{
    /// <summary>The run's summary table, then one row per bug with its schedule file and replay command.</summary>
    public static void Print(IAnsiConsole console, ExplorationReport report)
    {
        var summary = new Table().Title($"explore {Markup.Escape(report.Scenario)}").AddColumn("what").AddColumn("value");
        Row(summary, "strategy", report.Strategy);
        Row(summary, "seed", Inv($"{report.Seed}"));
        Row(summary, "shards", string.Join(", ", report.Shards));
        Row(summary, "iterations", Inv($"{report.Iterations} of a budget of {report.Budget}"));
        Row(summary, "bound reached", Inv($"{report.BoundReached}"));
        Row(summary, "steps (min / mean / max)", Inv($"{report.MinSteps} / {report.MeanSteps:F0} / {report.MaxSteps}"));
        Row(summary, "iterations per second", Inv($"{report.IterationsPerSecond:F1} ({report.Seconds:F2} s)"));
        Row(summary, "distinct schedules", Inv($"{report.DistinctSchedules}"));
        Row(summary, "coverage (actor <- message pairs)", Inv($"{report.Coverage.Count}"));
        if (report.StepEstimate > 0) Row(summary, "PCT step estimate K", Inv($"{report.StepEstimate}"));
        if (report.Exhausted) Row(summary, "search", report.HitBound ? "exhausted within its depth bound" : "exhausted: every schedule was run");
        Row(summary, "bugs", Inv($"{report.Bugs.Count}"));
        console.Write(summary);
        if (report.Bugs.Count == 0) return;
        var bugs = new Table().Title("bugs").AddColumn("iteration").AddColumn("kind").AddColumn("what").AddColumn("schedule");
        foreach (var bug in report.Bugs)
        {
            var schedule = bug.ScheduleFile is { } file ? Path.GetFileName(file) + (bug.Reproduced == false ? " (did not reproduce!)" : "") : "(no output directory)";
            bugs.AddRow(Inv($"{bug.Iteration}"), bug.Bug.Kind.ToString(), Markup.Escape(bug.Bug.Text), Markup.Escape(schedule));
        }
        console.Write(bugs);
        var raw = console.Profile.Out.Writer; // unwrapped, so the command can be copied as it stands
        foreach (var bug in report.Bugs.Where(b => b.ScheduleFile is not null))
        {
            raw.WriteLine(Inv($"replay iteration {bug.Iteration}: machactors replay {bug.ScheduleFile}"));
            raw.WriteLine(Inv($"  log: {bug.LogFile}"));
        }
    }

    /// <summary>What a replay gave, against what the schedule file recorded.</summary>
    public static void Print(IAnsiConsole console, ScheduleFile file, ReplayResult replay, bool showLog)
    {
        if (showLog)
        {
            foreach (var line in replay.Log) console.WriteLine(line);
        }
        var table = new Table().Title($"replay {Markup.Escape(file.Scenario)} iteration {file.Iteration}").AddColumn("what").AddColumn("value");
        Row(table, "strategy", file.StrategyDescription);
        Row(table, "recorded bug", file.Bug.ToString());
        Row(table, "replayed", replay.Result.Bug?.ToString() ?? "no bug");
        Row(table, "decisions used", Inv($"{replay.DecisionsUsed} of {replay.DecisionCount}"));
        Row(table, "steps", Inv($"{replay.Result.Steps}"));
        if (replay.Divergence is { } divergence) Row(table, "divergence", divergence);
        Row(table, "reproduced", replay.Reproduces(file.Bug) ? "yes" : "no");
        console.Write(table);
    }

    private static void Row(Table table, string what, string value) => table.AddRow(Markup.Escape(what), Markup.Escape(value));

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
