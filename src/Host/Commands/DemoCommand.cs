using System.CommandLine;
using MachActors.Actors.Timing;
using MachActors.Host.Demo;

namespace MachActors.Host.Commands;

/// <summary>The <c>demo</c> command: boots a bare actor system (no machine) with a small demo and prints what happened.</summary>
internal static class DemoCommand
{
    /// <summary>Virtual time the demo runs for when --duration is not given.</summary>
    public static readonly Duration DefaultDuration = Duration.FromMilliseconds(100);

    /// <summary>The command with its options and action.</summary>
    public static Command Build()
    {
        var seed = SharedOptions.Seed();
        var parallel = SharedOptions.Parallel();
        var duration = SharedOptions.VirtualTime("--duration", "Virtual time to run.", DefaultDuration);
        var trace = SharedOptions.Trace();
        var command = new Command("demo", "Show the actor runtime alone, without the machine: workers on a virtual-time timer, a counter, a supervisor.")
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
