using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MachActors.Exploration;
using MachActors.Exploration.Strategies;
using MachActors.Host.Explore;
using MachActors.Scenarios;
using Spectre.Console;

namespace MachActors.Host.Commands;

/// <summary>
/// <c>explore SCENARIO</c>: systematic exploration of a built-in scenario (docs/EXPLORATION.md);
/// <c>explore --list</c>; <c>explore merge REPORTS...</c>. Exit codes: 0 no bug, 1 a bug was found
/// (its schedule file and replay command are printed), 2 a bad command line.
/// </summary>
internal static class ExploreCommand
{
    /// <summary>Where schedule files and logs go when --out is not given.</summary>
    public const string DefaultOut = "machactors-bugs";

    /// <summary>The command, its options, and the merge subcommand.</summary>
    public static Command Build()
    {
        var scenario = new Argument<string?>("scenario") { Description = "The scenario to explore (see --list).", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list") { Description = "List the built-in scenarios and exit." };
        var strategy = new Option<string>("--strategy")
        {
            Description = "Scheduling strategy: " + string.Join("; ", StrategyFactory.Known.Select(k => k.Name + " (" + k.Summary + ")")) + ".",
            DefaultValueFactory = _ => "portfolio",
        };
        var depth = new Option<int>("--depth") { Description = "PCT's bug depth d (d - 1 priority change points).", DefaultValueFactory = _ => 3 };
        var iterations = new Option<long>("--iterations") { Description = "Iterations in the budget (of the whole run when sharded).", DefaultValueFactory = _ => 1000 };
        var seed = SharedOptions.Seed();
        seed.DefaultValueFactory = _ => 1;
        var maxSteps = new Option<long>("--max-steps") { Description = "Step bound of an unfair iteration (fair ones get ten times as many).", DefaultValueFactory = _ => 10_000 };
        var timeBudget = new Option<TimeSpan?>("--time-budget") { Description = "Wall-clock budget of the host, e.g. 30s: no new iteration starts after it.", CustomParser = WallTime };
        var workers = new Option<int>("--workers") { Description = "Iterations run at once (DFS runs one at a time).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var shard = new Option<Shard>("--shard") { Description = "Run only the K-th of N disjoint slices of the iterations, as K/N.", CustomParser = ParseShard, DefaultValueFactory = _ => Shard.All };
        var output = new Option<string>("--out") { Description = "Directory for schedule files and logs of bugs.", DefaultValueFactory = _ => DefaultOut };
        var report = new Option<string?>("--report") { Description = "Also write the run's report as JSON (for 'explore merge')." };
        var keepGoing = new Option<bool>("--keep-going") { Description = "Do not stop at the first bug." };
        var earlyTimers = new Option<double>("--early-timers") { Description = "Chance per decision that a future timer fires before pending mail (clock interrupts racing).", DefaultValueFactory = _ => 0 };
        var failOnMaxSteps = new Option<bool>("--fail-on-max-steps") { Description = "Report reaching the step bound as a bug." };
        var pager = SharedOptions.Pager("Serve the scenario's memory object with your pager instead of the built-in memory pager (vm-* scenarios with an external pager; see --list).");
        var command = new Command("explore", "Explore a scenario's schedules systematically (Coyote-style) and report races with a replayable schedule.")
        {
            scenario, list, strategy, depth, iterations, seed, maxSteps, timeBudget, workers, shard, output, report, keepGoing, earlyTimers, failOnMaxSteps, pager,
        };
        command.Subcommands.Add(MergeCommand());
        command.SetAction(parse =>
        {
            var console = ConsoleFactory.For(parse.InvocationConfiguration.Output);
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(list)) return List(console);
            var name = parse.GetValue(scenario);
            if (name is null)
            {
                error.WriteLine("machactors: explore needs a scenario; 'machactors explore --list' names them. See 'machactors explore --help'.");
                return Cli.ExitUsage;
            }
            var settings = new ExploreSettings(
                name,
                new StrategyOptions { Name = parse.GetValue(strategy)!, Depth = parse.GetValue(depth), EarlyTimers = parse.GetValue(earlyTimers), UnfairSteps = parse.GetValue(maxSteps) },
                new ExplorationOptions
                {
                    Iterations = parse.GetValue(iterations),
                    Seed = parse.GetValue(seed),
                    MaxSteps = parse.GetValue(maxSteps),
                    TimeBudget = parse.GetValue(timeBudget),
                    Parallelism = parse.GetValue(workers),
                    Shard = parse.GetValue(shard),
                    OutputDirectory = parse.GetValue(output),
                    StopAtFirstBug = !parse.GetValue(keepGoing),
                    FailOnMaxSteps = parse.GetValue(failOnMaxSteps),
                },
                parse.GetValue(report),
                parse.GetValue(pager));
            return ExploreRun.Execute(settings, console, error, ReferenceEquals(parse.InvocationConfiguration.Output, Console.Out) && !Console.IsOutputRedirected);
        });
        return command;
    }

    /// <summary>The scenarios as a table. Returns 0.</summary>
    public static int List(IAnsiConsole console)
    {
        var table = new Table().Title("Built-in scenarios ('machactors explore NAME')").AddColumn("name").AddColumn("what it explores").AddColumn("--pager");
        foreach (var s in ScenarioCatalog.All) table.AddRow(Markup.Escape(s.Name), Markup.Escape(s.Description), s is MachineScenario { AcceptsPager: true } ? "yes" : "");
        console.Write(table);
        return Cli.ExitOk;
    }

    private static Command MergeCommand()
    {
        var reports = new Argument<string[]>("reports") { Description = "Report files of the shards of one run.", Arity = ArgumentArity.OneOrMore };
        var report = new Option<string?>("--report") { Description = "Write the merged report as JSON." };
        var merge = new Command("merge", "Combine the JSON reports of the shards of one run into the run's report.") { reports, report };
        merge.SetAction(parse => ExploreRun.Merge(parse.GetValue(reports)!, parse.GetValue(report),
            ConsoleFactory.For(parse.InvocationConfiguration.Output), parse.InvocationConfiguration.Error));
        return merge;
    }

    private static Shard ParseShard(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (Shard.TryParse(text, out var shard, out var problem)) return shard;
        result.AddError(problem!);
        return Shard.All;
    }

    private static TimeSpan? WallTime(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (ValueParsers.TryParseDuration(text, out var d)) return TimeSpan.FromTicks(Math.Max(1, d.Nanoseconds / 100));
        result.AddError(string.Create(CultureInfo.InvariantCulture, $"Invalid value '{text}' for --time-budget: expected a positive whole number with a unit (ms or s), e.g. 30s."));
        return null;
    }
}
