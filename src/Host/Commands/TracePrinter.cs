using System.Globalization;
using Spectre.Console;

namespace MachActors.Host.Commands;

/// <summary>Prints kept runtime trace lines under a heading that says how to read them.</summary>
internal static class TracePrinter
{
    /// <summary>Writes a blank line, the heading with the count, then every line as it is (never wrapped: straight to the console's writer).</summary>
    public static void Print(IAnsiConsole console, IReadOnlyList<string> lines)
    {
        console.WriteLine();
        console.MarkupLine($"[bold]Trace[/] ({lines.Count.ToString(CultureInfo.InvariantCulture)} events: time in ns, #step, kind, a<actor id>, o<other id or value>)");
        var writer = console.Profile.Out.Writer;
        foreach (var line in lines) writer.WriteLine(line);
    }
}
