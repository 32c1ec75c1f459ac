using System.CommandLine;
using System.Globalization;
using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Pagers.Memory;
using MachActors.Pagers.Sdk;
using MachActors.Scenarios.Conformance;
using Spectre.Console;

namespace MachActors.Host.Commands;

/// <summary>
/// <c>pager-check PAGER</c>: the pager conformance check (docs/PAGERS.md, "Conformance"): the contract
/// suite's duties on whole machines (both dispatchers), then an exploration budget over the scenarios
/// that take a pager, printed as a verdict table. PAGER is a plugin (<c>PATH.dll:Namespace.Type</c>) or
/// the built-in <c>memory</c>. Exit codes: 0 no duty and no exploration failed (advisories and "n/a"
/// allowed), 1 one did (a race's schedule file and replay command are printed), 2 a bad command line or
/// a plugin that does not load (the message names the file and the type).
/// </summary>
internal static class PagerCheckCommand
{
    /// <summary>The built-in pager's name on the command line.</summary>
    public const string Memory = "memory";

    /// <summary>The command and its options.</summary>
    public static Command Build()
    {
        var pager = new Argument<string>("pager") { Description = "The pager to check: PATH.dll:Namespace.Type (a class derived from MachActors.Pagers.Sdk.Pager), or 'memory' for the built-in memory pager." };
        var iterations = new Option<long>("--iterations") { Description = "Exploration iterations per strategy (random, then pct) per scenario.", DefaultValueFactory = _ => 50 };
        var seed = SharedOptions.Seed();
        seed.Description = "Seed of the explorations.";
        seed.DefaultValueFactory = _ => 1;
        var output = new Option<string>("--out") { Description = "Directory for the schedule files of races found.", DefaultValueFactory = _ => ExploreCommand.DefaultOut };
        var command = new Command("pager-check", "Check a pager against the pager protocol: its duties on whole machines, then an exploration of the scenarios that take a pager; prints a verdict table.")
        {
            pager, iterations, seed, output,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(iterations) < 1)
            {
                error.WriteLine("machactors: --iterations must be at least 1. See 'machactors pager-check --help'.");
                return Cli.ExitUsage;
            }
            var name = parse.GetValue(pager)!;
            if (!TryResolve(name, out var factory, out var plugin, out var what, out var problem))
            {
                error.WriteLine("machactors: cannot check the pager: " + problem + ". See docs/PAGERS.md and 'machactors pager-check --help'.");
                return Cli.ExitUsage;
            }
            var options = new PagerCheckOptions { Iterations = parse.GetValue(iterations), Seed = parse.GetValue(seed), OutputDirectory = parse.GetValue(output)! };
            var rows = PagerCheck.Run(factory, plugin, options);
            Print(ConsoleFactory.For(parse.InvocationConfiguration.Output), what, options, rows);
            if (rows.FirstOrDefault(r => r.PagerStopped is not null) is { } stopped) error.WriteLine($"machactors: the pager {what} stopped during the check: {stopped.PagerStopped}");
            return rows.Any(r => r.Verdict == PagerVerdict.Fail) ? Cli.ExitFailure : Cli.ExitOk;
        });
        return command;
    }

    /// <summary>The pager <paramref name="name"/> names: its factory, its plugin spec (null for the built-in), and a description; false with the loader's problem.</summary>
    private static bool TryResolve(string name, out PagerFactory factory, out string? plugin, out string what, out string? problem)
    {
        problem = null;
        if (name == Memory)
        {
            factory = size => Props.Create(() => new MemoryPager(size, Duration.FromMilliseconds(1)));
            plugin = null;
            what = "the built-in memory pager";
            return true;
        }
        factory = _ => throw new InvalidOperationException("no pager");
        plugin = null;
        what = name;
        if (!PagerPlugin.TryLoad(name, out var loaded, out var loadError))
        {
            problem = loadError.Message;
            return false;
        }
        factory = loaded.PropsFor;
        plugin = loaded.Spec;
        what = loaded.ToString();
        return true;
    }

    /// <summary>The verdict table, a summary line, and each race's replay command (unwrapped, to copy).</summary>
    private static void Print(IAnsiConsole console, string what, PagerCheckOptions options, IReadOnlyList<PagerCheckRow> rows)
    {
        var table = new Table().Title($"pager-check: {Markup.Escape(what)}").AddColumn("duty").AddColumn("verdict").AddColumn("detail");
        foreach (var row in rows)
        {
            var detail = row.ScheduleFile is { } file ? $"{row.Detail}; schedule: {file}; replay: {row.ReplayCommand}" : row.Detail;
            table.AddRow(Markup.Escape(row.Name), Verdict(row.Verdict), Markup.Escape(detail));
        }
        console.Write(table);
        var raw = console.Profile.Out.Writer;
        int Count(PagerVerdict v) => rows.Count(r => r.Verdict == v);
        raw.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count} checks: {Count(PagerVerdict.Pass)} pass, {Count(PagerVerdict.Fail)} fail, {Count(PagerVerdict.Advisory)} advisory, {Count(PagerVerdict.NotApplicable)} n/a (duties on both dispatchers; explorations: {string.Join(" + ", PagerCheck.Strategies)}, {options.Iterations} iterations each, seed {options.Seed})"));
        foreach (var row in rows.Where(r => r.ReplayCommand is not null)) raw.WriteLine($"{row.Name}: {row.ReplayCommand}");
    }

    private static string Verdict(PagerVerdict verdict) => verdict switch
    {
        PagerVerdict.Pass => "[green]pass[/]",
        PagerVerdict.Fail => "[red]fail[/]",
        PagerVerdict.Advisory => "[yellow]advisory[/]",
        _ => "n/a",
    };
}
