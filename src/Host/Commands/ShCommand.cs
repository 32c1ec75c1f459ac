using System.CommandLine;
using MachActors.Actors.Timing;
using MachActors.Host.Runs;

namespace MachActors.Host.Commands;

/// <summary>
/// <c>sh [-c LINE] [-i] [--image FILE]</c>: boots the UNIX personality with the shell as init (docs/UNIX.md,
/// "The sh command"). With -c it runs LINE; without, the shell reads the console and runs its lines one
/// by one. Standard input is the console's input, a line at a time, read only when a console read waits
/// (so a terminal user sees each command's output before typing the next); its end is the console's end
/// of input. -i (the default when standard input is a terminal) makes the shell prompt "$ " before each line. --image keeps the file system on a disk backed by
/// FILE (created and formatted when missing). Exit status: the last command's; 2 for a bad command line
/// or a machine that does not boot (a damaged image); 1 when the shell does not end in time.
/// </summary>
internal static class ShCommand
{
    /// <summary>The command; <paramref name="input"/> is what "standard input" is (the process's, or a test's reader).</summary>
    public static Command Build(TextReader input)
    {
        var line = new Option<string?>("-c") { Description = "Run this command line (e.g. 'echo hello | wc -c; ls /') instead of reading lines from standard input." };
        var image = new Option<string?>("--image") { Description = "Keep the file system on a disk backed by this host file (created and formatted when missing), so files outlive the run." };
        var interactive = new Option<bool>("-i") { Description = "Interactive: the shell prompts '$ ' before each line (the default when standard input is a terminal)." };
        var seed = SharedOptions.Seed();
        var maxTime = SharedOptions.VirtualTime("--max-time", "Give up after this much virtual time (e.g. 60s).", Duration.FromSeconds(3600));
        var command = new Command("sh", "Boot the UNIX personality and run the shell: one line with -c, or the lines typed or piped on standard input.")
        {
            line, interactive, image, seed, maxTime,
        };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(line);
            var prompting = text is null && (parse.GetValue(interactive) || IsTerminal(input));
            var settings = new UnixShellSettings(text, input, prompting, parse.GetValue(image), parse.GetValue(seed), parse.GetValue(maxTime));
            return UnixShellRun.Run(settings, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>Whether <paramref name="input"/> is the process's standard input and that is a terminal (not a pipe or a file).</summary>
    private static bool IsTerminal(TextReader input) => ReferenceEquals(input, Console.In) && !Console.IsInputRedirected;
}
