using System.CommandLine;
using MachActors.Actors.Timing;
using MachActors.Host.Demo;

namespace MachActors.Host.Commands;

/// <summary>The <c>run</c> command: boots an actor system with the demo and prints what happened.</summary>
internal static class RunCommand
{
    /// <summary>Virtual time the demo runs for when --duration is not given.</summary>
    public static readonly Duration DefaultDuration = Duration.FromMilliseconds(100);

    /// <summary>The command with its options and action.</summary>
    public static Command Build()
    {
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the scheduling strategy: the same seed gives the same run, bit for bit (controlled dispatcher).",
            CustomParser = ValueParsers.Seed,
            DefaultValueFactory = _ => 0,
        };
        var parallel = new Option<bool>("--parallel")
        {
            Description = "Run on the parallel dispatcher (thread pool) instead of the controlled one; fast, not reproducible.",
        };
        var duration = new Option<Duration>("--duration")
        {
            Description = "Virtual time to run, with a unit: ns, us, ms or s.",
            CustomParser = ValueParsers.Duration,
            DefaultValueFactory = _ => DefaultDuration,
        };
        var trace = new Option<bool>("--trace")
        {
            Description = "Also print every runtime trace event (send, deliver, spawn, stop, timer, choice, ...).",
        };
        var command = new Command("run", "Boot an actor system with a small demo (workers, a counter, a supervisor) and print what happened.")
        {
            seed, parallel, duration, trace,
        };
        command.SetAction(parse => Execute(
            new DemoSettings(parse.GetValue(seed), parse.GetValue(parallel), parse.GetValue(duration), parse.GetValue(trace)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>
    /// Runs the demo with <paramref name="settings"/> and prints its report to <paramref name="output"/>.
    /// Returns 0, or 1 after printing the cause to <paramref name="error"/> when the run itself fails.
    /// </summary>
    private static int Execute(DemoSettings settings, TextWriter output, TextWriter error)
    {
        DemoOutcome outcome;
        try
        {
            outcome = DemoRun.Execute(settings);
        }
        catch (Exception e)
        {
            // The top of the command: whatever the runtime threw is reported, not a stack trace.
            error.WriteLine("machactors: run failed: " + e.Message);
            return Cli.ExitFailure;
        }
        DemoPrinter.Print(ConsoleFactory.For(output), outcome);
        return outcome.UnhandledFailures == 0 ? Cli.ExitOk : Cli.ExitFailure;
    }
}
