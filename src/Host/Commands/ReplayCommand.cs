using System.CommandLine;
using MachActors.Exploration;
using MachActors.Host.Explore;
using MachActors.Scenarios;

namespace MachActors.Host.Commands;

/// <summary>
/// <c>replay FILE</c>: reruns a schedule file written by <c>explore</c>, every decision forced, printing
/// every event of the run (unless --quiet) and whether the recorded bug came back. Exit codes: 0 the
/// replayed run has no bug, 1 it has one (the recorded bug reproduced, or another), or the file is
/// unreadable, or the replay left the schedule; 2 a bad command line, an unknown scenario, or a pager
/// plugin the schedule names (explored with --pager) that does not load.
/// </summary>
internal static class ReplayCommand
{
    /// <summary>The command and its action.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "A schedule file (*.schedule.json) written by 'machactors explore'." };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the summary, not every event." };
        var command = new Command("replay", "Replay a found bug's schedule exactly, step by step.") { file, quiet };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!ScheduleFile.TryLoad(parse.GetValue(file)!, out var schedule, out var problem))
            {
                error.WriteLine("machactors: " + problem);
                return Cli.ExitFailure;
            }
            if (ScenarioCatalog.Find(schedule!.Scenario) is not { } scenario)
            {
                error.WriteLine($"machactors: the schedule names scenario '{schedule.Scenario}', which this build does not have. See 'machactors explore --help'.");
                return Cli.ExitUsage;
            }
            if (schedule.Parameters.TryGetValue(MachineScenario.PagerParameter, out var pager) && !ExploreRun.TryPager(scenario, pager, error, out _)) return Cli.ExitUsage;
            var replay = Explorer.Replay(scenario, schedule);
            ExplorePrinter.Print(ConsoleFactory.For(parse.InvocationConfiguration.Output), schedule, replay, !parse.GetValue(quiet));
            if (replay.Divergence is { } divergence) error.WriteLine("machactors: the replay left the schedule: " + divergence);
            return replay.Result.Bug is null && replay.Divergence is null ? Cli.ExitOk : Cli.ExitFailure;
        });
        return command;
    }
}
