using MachActors.Host.Runs;
using MachActors.Kernel.Programs;

namespace MachActors.Host.Commands;

/// <summary>Where <c>run</c> puts its results besides the report.</summary>
/// <param name="TraceFile">--trace FILE: where the Chrome trace goes, or null.</param>
/// <param name="Json">--stats json: one JSON object instead of the tables.</param>
internal sealed record RunOutputs(string? TraceFile, bool Json);

/// <summary>The <c>run</c> command's execution: the run with its live progress, the report, the trace file and the exit code.</summary>
internal static partial class RunCommand
{
    /// <summary>
    /// Runs the machine with <paramref name="settings"/> and prints its report to <paramref name="output"/>
    /// (tables, or JSON with <see cref="RunOutputs.Json"/>), with live progress when the output is the
    /// process's terminal and the run takes more than a moment; writes the Chrome trace when asked.
    /// Returns <see cref="ExitCodeOf"/> the report; 1 when the run itself failed (the cause goes to
    /// <paramref name="error"/>); 2 when the trace file cannot be written.
    /// </summary>
    private static int Execute(RunSettings settings, ProgramRegistry workloads, RunOutputs outputs, TextWriter output, TextWriter error)
    {
        using var traceFile = OpenTraceFile(outputs.TraceFile, error);
        if (outputs.TraceFile is not null && traceFile is null) return Cli.ExitUsage;
        var timeline = traceFile is null ? null : new ChromeTraceSink();
        MachineReport report;
        try
        {
            using var run = MachineRun.Start(settings, workloads, timeline);
            report = LiveProgress.Drive(run, ConsoleFactory.Live(output), LiveProgress.Moment);
        }
        catch (Exception e)
        {
            // The top of the command: whatever the machine threw is reported, not a stack trace.
            error.WriteLine("machactors: run failed: " + e.Message);
            return Cli.ExitFailure;
        }
        var code = ExitCodeOf(report);
        if (outputs.Json) StatsJson.Write(output, report, code);
        else MachinePrinter.Print(ConsoleFactory.For(output), report);
        if (timeline is not null)
        {
            var events = timeline.Write(traceFile!, report);
            if (!outputs.Json) output.WriteLine($"Trace: {events} events written to {outputs.TraceFile} (Chrome Trace Event format: open it at ui.perfetto.dev, 'Open trace file', or in chrome://tracing)");
        }
        if (report.PagerFailure is { } failure) error.WriteLine($"machactors: the pager {report.Pager} stopped: {failure}");
        if (report.Personalities is { Succeeded: false } p) error.WriteLine($"machactors: {p.UnixSummary}; RT deadline misses: {p.Misses}{(p.RtFinished ? "" : " (the executive had not finished)")}");
        if (report.Faults.Count > 0) error.WriteLine($"machactors: {report.Faults.Count} thread(s) faulted (see Faults {(outputs.Json ? "in the JSON" : "above")})");
        return code;
    }

    /// <summary>
    /// 0 when the run went through without a fault (stopping at --max-time included); 1 when a program
    /// faulted or the pager plugin stopped. For the personalities workload, also 1 unless the script
    /// exited with 0 and every RT task ran its jobs without missing a deadline (so stopping at --max-time
    /// before both ended is 1 there). Pure.
    /// </summary>
    public static int ExitCodeOf(MachineReport report) =>
        report.Faults.Count == 0 && report.PagerFailure is null && report.Personalities is not { Succeeded: false } ? Cli.ExitOk : Cli.ExitFailure;

    /// <summary>Creates the --trace file before the run, so a bad path fails at once; null (with the reason on <paramref name="error"/>) when it cannot be, or when none is asked for.</summary>
    private static FileStream? OpenTraceFile(string? path, TextWriter error)
    {
        if (path is null) return null;
        try
        {
            return File.Create(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Usage(error, [$"cannot write the trace file {path}: {e.Message}"], "machactors run --help");
            return null;
        }
    }

    /// <summary>Prints every problem and the pointer to <paramref name="help"/>; returns <see cref="Cli.ExitUsage"/>.</summary>
    private static int Usage(TextWriter error, IEnumerable<string> problems, string help)
    {
        foreach (var problem in problems) error.WriteLine("machactors: " + problem);
        error.WriteLine($"Run '{help}' for usage.");
        return Cli.ExitUsage;
    }
}
