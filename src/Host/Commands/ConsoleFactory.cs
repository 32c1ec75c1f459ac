using Spectre.Console;

namespace MachActors.Host.Commands;

/// <summary>Spectre.Console consoles over plain writers.</summary>
internal static class ConsoleFactory
{
    /// <summary>Width used when the output is not a terminal, so captured output never depends on the machine.</summary>
    public const int FixedWidth = 120;

    /// <summary>
    /// A console writing to <paramref name="writer"/>: colours when it is the process's own terminal,
    /// otherwise plain text at <see cref="FixedWidth"/> columns (files, pipes, tests).
    /// </summary>
    public static IAnsiConsole For(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = FixedWidth;
        return console;
    }

    /// <summary>
    /// An interactive console for live progress on <paramref name="writer"/> when it is the process's
    /// own terminal; null otherwise (files, pipes, tests: nothing live is ever drawn there).
    /// </summary>
    public static IAnsiConsole? Live(TextWriter writer)
    {
        if (!ReferenceEquals(writer, Console.Out) || Console.IsOutputRedirected) return null;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
    }
}
