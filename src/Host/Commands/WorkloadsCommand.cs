using System.CommandLine;
using MachActors.Host.Runs;
using MachActors.Kernel.Programs;
using Spectre.Console;

namespace MachActors.Host.Commands;

/// <summary>The <c>workloads</c> command (also <c>run --list</c>): the built-in workloads with their descriptions.</summary>
internal static class WorkloadsCommand
{
    /// <summary>The command and its action.</summary>
    public static Command Build()
    {
        var command = new Command("workloads", "List the built-in workloads 'machactors run --workload NAME' can run.");
        command.SetAction(parse => List(parse.InvocationConfiguration.Output, HostWorkloads.Registry()));
        return command;
    }

    /// <summary>Effects: writes a table of <paramref name="workloads"/> (name, description) to <paramref name="output"/>. Returns 0.</summary>
    public static int List(TextWriter output, ProgramRegistry workloads)
    {
        var table = new Table().Title("Built-in workloads ('machactors run --workload NAME')").AddColumn("name").AddColumn("what it runs");
        foreach (var name in workloads.Names)
        {
            var shown = name == HostWorkloads.Default ? name + " (default)" : name;
            table.AddRow(Markup.Escape(shown), Markup.Escape(workloads.DescriptionOf(name)));
        }
        ConsoleFactory.For(output).Write(table);
        return Cli.ExitOk;
    }
}
