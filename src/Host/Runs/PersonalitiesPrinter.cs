using Spectre.Console;

namespace MachActors.Host.Runs;

/// <summary>The <see cref="PersonalitiesWorkload"/>'s parts of a run's report: the console's text before the tables, the RT report and init's status after them.</summary>
internal static class PersonalitiesPrinter
{
    /// <summary>Writes what the machine's console printed, indented, under a heading; nothing for other workloads.</summary>
    public static void PrintConsole(IAnsiConsole console, PersonalitiesOutcome? outcome)
    {
        if (outcome is null) return;
        console.MarkupLine("[bold]Console[/] (what the UNIX side printed):");
        foreach (var line in Lines(outcome.Console)) console.WriteLine("  " + line);
        console.WriteLine();
    }

    /// <summary>Writes the RT report (<see cref="MachActors.Personalities.Rt.RtReport.Format"/>) and the UNIX side's one line; nothing for other workloads.</summary>
    public static void PrintSummary(IAnsiConsole console, PersonalitiesOutcome? outcome)
    {
        if (outcome is null) return;
        console.WriteLine();
        console.MarkupLine("[bold]Real-time executive[/] (rate-monotonic priorities; a miss is a job done after its deadline):");
        foreach (var line in Lines(outcome.RtTable)) console.WriteLine("  " + line);
        console.WriteLine();
        console.MarkupLine("[bold]UNIX[/]: " + Markup.Escape(outcome.UnixSummary));
    }

    /// <summary>The lines of <paramref name="text"/>, without the empty one after a final newline.</summary>
    private static IEnumerable<string> Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
