namespace MachActors.Host;

/// <summary>Process entry point of the <c>machactors</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line against the process's console; the result is the exit code.</summary>
    public static int Main(string[] args) => Cli.Run(args, Console.Out, Console.Error);
}
