using System.CommandLine;
using MachActors.Host.Commands;

namespace MachActors.Host;

/// <summary>
/// The <c>machactors</c> command line, callable in-process: tests pass their own writers and read
/// the exit code instead of starting a process.
/// </summary>
public static class Cli
{
    /// <summary>The command ran and succeeded.</summary>
    public const int ExitOk = 0;

    /// <summary>The command ran and failed (for example the actor system reported a runtime error).</summary>
    public const int ExitFailure = 1;

    /// <summary>The command line was not understood: unknown command or option, or a bad value.</summary>
    public const int ExitUsage = 2;

    /// <summary>
    /// Parses <paramref name="args"/> and runs the chosen command.
    /// Effects: normal output goes to <paramref name="output"/>, errors to <paramref name="error"/>.
    /// Returns: <see cref="ExitOk"/>, <see cref="ExitFailure"/>, or <see cref="ExitUsage"/> after
    /// printing every parse error and a pointer to <c>--help</c>.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, Console.In);

    /// <summary>As <see cref="Run(string[], TextWriter, TextWriter)"/>, with <paramref name="input"/> as standard input (what <c>sh</c> reads).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = CommandTree.Build(input).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors) error.WriteLine("machactors: " + parseError.Message);
            error.WriteLine("Run 'machactors --help' for usage.");
            return ExitUsage;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
