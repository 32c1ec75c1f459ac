using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace MachActors.Host.Commands;

/// <summary>Builds the command tree: the root with --help and --version, and its subcommands.</summary>
internal static class CommandTree
{
    /// <summary>Help text is wrapped at this width, whatever the terminal, so it reads the same everywhere.</summary>
    private const int HelpWidth = 100;

    /// <summary>A fresh tree (System.CommandLine symbols are not shared between parses).</summary>
    public static RootCommand Build() => Build(Console.In);

    /// <summary>A fresh tree whose commands read standard input from <paramref name="input"/>.</summary>
    public static RootCommand Build(TextReader input)
    {
        var root = new RootCommand(
            "MachActors: the Mach 3 microkernel rebuilt as actors on a simulated clock. "
            + "'run' boots the simulated machine (CPUs, clock, tasks, threads, the Mach scheduler), runs a built-in "
            + "workload and prints what happened; 'workloads' lists them; 'demo' shows the actor runtime alone; "
            + "'explore' hunts races in a scenario and 'replay' reruns a found bug's schedule; 'pager-check' checks a pager against the pager protocol; 'sh' runs the UNIX shell.");
        foreach (var option in root.Options)
        {
            switch (option)
            {
                case VersionOption version:
                    version.Action = new PrintVersionAction();
                    break;
                case HelpOption { Action: HelpAction help }:
                    help.MaxWidth = HelpWidth;
                    break;
            }
        }
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(WorkloadsCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(ExploreCommand.Build());
        root.Subcommands.Add(ReplayCommand.Build());
        root.Subcommands.Add(PagerCheckCommand.Build());
        root.Subcommands.Add(ShCommand.Build(input));
        root.SetAction(parse =>
        {
            // No subcommand: show what there is to run.
            return new HelpAction { MaxWidth = HelpWidth }.Invoke(parse);
        });
        return root;
    }

    /// <summary>--version: prints the assembly's version (the entry assembly may be a test host).</summary>
    private sealed class PrintVersionAction : SynchronousCommandLineAction
    {
        /// <summary>Effects: writes the version line to the invocation's output. Returns 0.</summary>
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(VersionInfo.Text);
            return Cli.ExitOk;
        }
    }
}
