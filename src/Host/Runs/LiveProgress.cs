using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace MachActors.Host.Runs;

/// <summary>
/// Drives a <see cref="MachineRun"/> to its end, showing a status line (virtual time, threads live,
/// faults, messages, pageouts) once it has taken more than a moment of host time. The line is drawn
/// between the run's steps from counters only, so it never changes what the machine does; with no
/// live console (output redirected) nothing is drawn at all.
/// </summary>
internal static class LiveProgress
{
    /// <summary>Host time a run may take before its progress is shown.</summary>
    public static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Steps <paramref name="run"/> until it is done and returns its report. After <paramref name="moment"/>
    /// of host time, and only with a <paramref name="live"/> console, the remaining steps run under a
    /// Spectre.Console status line redrawn after each step (and cleared at the end).
    /// </summary>
    public static MachineReport Drive(MachineRun run, IAnsiConsole? live, TimeSpan moment)
    {
        ArgumentNullException.ThrowIfNull(run);
        var watch = Stopwatch.StartNew();
        while (!run.Done && (live is null || watch.Elapsed < moment)) run.Step();
        if (!run.Done)
        {
            live!.Status().Start(Line(run.Progress), context =>
            {
                while (!run.Done)
                {
                    run.Step();
                    context.Status(Line(run.Progress));
                }
            });
        }
        return run.Finish();
    }

    /// <summary>The status line for <paramref name="progress"/> (plain text, markup-escaped). Pure.</summary>
    public static string Line(RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var inv = CultureInfo.InvariantCulture;
        var percent = progress.MaxTime.Nanoseconds == 0 ? 0 : 100.0 * progress.Elapsed.Nanoseconds / progress.MaxTime.Nanoseconds;
        return Markup.Escape(string.Create(inv,
            $"virtual time {progress.Elapsed} of at most {progress.MaxTime} ({percent:0}%) | threads live {progress.LiveThreads} | faults {progress.Faults} | messages {progress.Messages} | pageouts {progress.Pageouts}"));
    }
}
