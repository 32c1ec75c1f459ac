using System.CommandLine;
using MachActors.Actors.Timing;
using MachActors.Host.Runs;

namespace MachActors.Host.Commands;

/// <summary>
/// <c>sh [-c LINE] [--image FILE]</c>: boots the UNIX personality with the shell as init (docs/UNIX.md,
/// "The sh command"). With -c it runs LINE; without, it reads every line of standard input (to its end)
/// as the console's input and runs them one by one. --image keeps the file system on a disk backed by
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
        var seed = SharedOptions.Seed();
        var maxTime = SharedOptions.VirtualTime("--max-time", "Give up after this much virtual time (e.g. 60s).", Duration.FromSeconds(3600));
        var command = new Command("sh", "Boot the UNIX personality and run the shell: one line with -c, or the lines of standard input.")
        {
            line, image, seed, maxTime,
        };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(line);
            List<string> lines = [];
            if (text is null)
            {
                while (input.ReadLine() is { } next) lines.Add(next);
            }
            var settings = new UnixShellSettings(text, lines, parse.GetValue(image), parse.GetValue(seed), parse.GetValue(maxTime));
            return UnixShellRun.Run(settings, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }
}
