using MachActors.Host;

namespace MachActors.Tests.Unit.Host;

/// <summary>One in-process run of the machactors command: its exit code and what it wrote, with the checks tests make of it.</summary>
internal sealed record CliInvocation(int ExitCode, string Out, string Err)
{
    /// <summary>Runs the command line <paramref name="args"/> with captured output.</summary>
    public static CliInvocation Of(params string[] args) => WithInput("", args);

    /// <summary>Runs <paramref name="args"/> with <paramref name="input"/> as standard input and captured output.</summary>
    public static CliInvocation WithInput(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var code = Cli.Run(args, output, error, reader);
        return new CliInvocation(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <paramref name="args"/> twice; asserts both succeed with byte-identical output, and returns the first.</summary>
    public static CliInvocation Repeatable(params string[] args)
    {
        var first = Of(args).Succeeds();
        Assert.Equal(first.Out, Of(args).Out);
        return first;
    }

    /// <summary>Asserts exit 0, nothing on the error stream, and every fragment in the output.</summary>
    public CliInvocation Succeeds(params string[] fragments)
    {
        Assert.True(ExitCode == Cli.ExitOk && Err.Length == 0, ToString());
        foreach (var fragment in fragments) Assert.Contains(fragment, Out);
        return this;
    }

    /// <summary>Asserts exit 2, nothing on the output, every fragment on the error stream and the pointer to --help.</summary>
    public CliInvocation FailsWithUsage(params string[] fragments)
    {
        Assert.True(ExitCode == Cli.ExitUsage && Out.Length == 0, ToString());
        foreach (var fragment in fragments) Assert.Contains(fragment, Err);
        Assert.Contains("--help", Err);
        return this;
    }

    /// <summary>Text for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- out\n{Out}\n--- err\n{Err}";
}
