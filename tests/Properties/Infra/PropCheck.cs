using System.Globalization;
using System.Text;
using FsCheck;
using Microsoft.FSharp.Collections;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MachActors.Tests.Properties.Infra;

/// <summary>
/// Runs an FsCheck 3.6 property inside an ordinary xunit [Fact] (FsCheck.Xunit is not available):
/// passes quietly, or throws <see cref="PropertyFailedException"/> whose message holds the original
/// and the shrunk counterexample and the replay seed (or an <see cref="XunitException"/> when the
/// property's preconditions rejected too many cases).
/// Environment overrides, for CI and for reproducing a failure without editing code:
/// <list type="bullet">
/// <item><c>FSCHECK_MAXTEST=500</c>: number of cases;</item>
/// <item><c>FSCHECK_REPLAY=seed,gamma</c> (or <c>seed,gamma,size</c>): replay a run printed by a failure.</item>
/// </list>
/// </summary>
/// <example><code>
/// [Fact] // 200 cases
/// public void ReverseTwiceIsIdentity() =>
///     PropCheck.Check(Prop.ForAll&lt;int[]&gt;(xs => xs.Reverse().Reverse().SequenceEqual(xs)), maxTest: 200);
/// </code></example>
public static class PropCheck
{
    /// <summary>Environment variable overriding the number of cases.</summary>
    public const string MaxTestEnv = "FSCHECK_MAXTEST";

    /// <summary>Environment variable holding a replay seed "seed,gamma[,size]".</summary>
    public const string ReplayEnv = "FSCHECK_REPLAY";

    /// <summary>Checks <paramref name="property"/> with <paramref name="maxTest"/> cases; throws on failure.</summary>
    /// <param name="property">Built with FsCheck.Fluent.Prop.ForAll and friends.</param>
    /// <param name="maxTest">Number of cases (FSCHECK_MAXTEST wins).</param>
    /// <param name="replay">"seed,gamma[,size]" to rerun a reported failure (FSCHECK_REPLAY wins).</param>
    /// <param name="output">Where to write the pass summary (optional).</param>
    /// <exception cref="PropertyFailedException">The property was falsified.</exception>
    public static void Check(Property property, int maxTest, string? replay = null, ITestOutputHelper? output = null) =>
        Check(property, maxTest, replay, output, Environment.GetEnvironmentVariable);

    /// <summary>As the public Check, with the overrides looked up in <paramref name="environment"/> (for the helper's own tests).</summary>
    internal static void Check(Property property, int maxTest, string? replay, ITestOutputHelper? output, Func<string, string?> environment)
    {
        var result = Run(property, maxTest, replay, environment);
        if (result is TestResult.Failed failed)
        {
            throw new PropertyFailedException(Describe(failed), failed, (failed.Item4 as Outcome.Failed)?.Item);
        }
        if (result.IsExhausted)
        {
            throw new XunitException("Too few cases met the property's precondition: " + Runner.onFinishedToString("", result).Trim());
        }
        output?.WriteLine(Runner.onFinishedToString("", result).Trim());
    }

    /// <summary>
    /// Runs <paramref name="property"/> and returns FsCheck's result without throwing.
    /// <paramref name="environment"/> looks up the overrides (default: the process environment).
    /// </summary>
    public static TestResult Run(Property property, int maxTest, string? replay = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(property);
        var runner = new CapturingRunner();
        var config = Configure(maxTest, replay, environment ?? Environment.GetEnvironmentVariable).WithRunner(runner);
        // xunit's SynchronizationContext would post every await of a Task-returning property back to
        // xunit's small worker pool; property bodies must not depend on it.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            FsCheck.Check.One(config, property);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        return runner.Result ?? throw new InvalidOperationException("FsCheck finished without a result");
    }

    /// <summary>The configuration for a run, after the environment overrides.</summary>
    internal static Config Configure(int maxTest, string? replay, Func<string, string?> environment)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTest);
        if (int.TryParse(environment(MaxTestEnv), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0) maxTest = n;
        if (environment(ReplayEnv) is { Length: > 0 } r) replay = r;
        var config = Config.Quick.WithMaxTest(maxTest);
        if (string.IsNullOrWhiteSpace(replay)) return config;
        var (seed, gamma, size) = ParseReplay(replay);
        return size is { } s ? config.WithReplay(seed, gamma, s) : config.WithReplay(seed, gamma);
    }

    /// <summary>Parses "seed,gamma", "(seed,gamma)" or "seed,gamma,size" as printed on failure.</summary>
    /// <exception cref="FormatException">Not in one of those forms.</exception>
    public static (ulong Seed, ulong Gamma, int? Size) ParseReplay(string text)
    {
        var parts = text.Trim().Trim('(', ')').Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is 2 or 3
            && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var gamma))
        {
            if (parts.Length == 2) return (seed, gamma, null);
            if (int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size)) return (seed, gamma, size);
        }
        throw new FormatException($"a replay seed is 'seed,gamma' or 'seed,gamma,size', not '{text}'");
    }

    /// <summary>"seed,gamma" that reruns the whole failed property (from its first case).</summary>
    public static string ReplayOf(TestResult.Failed failed) =>
        string.Create(CultureInfo.InvariantCulture, $"{failed.Item5.Seed},{failed.Item5.Gamma}");

    /// <summary>"seed,gamma,size" that reruns only the failing case (then shrinks it again).</summary>
    public static string ReplayAtFailingCase(TestResult.Failed failed) =>
        string.Create(CultureInfo.InvariantCulture, $"{failed.Item6.Seed},{failed.Item6.Gamma},{failed.Item7}");

    /// <summary>The arguments of a case as FsCheck prints them, one per line, joined into one line by " | ".</summary>
    private static string OneLine(FSharpList<object> args) =>
        string.Join(" | ", Runner.argumentsToString(args).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The failure message: counterexamples, replay seeds, then FsCheck's own report.</summary>
    private static string Describe(TestResult.Failed failed)
    {
        var text = new StringBuilder();
        text.AppendLine().Append(CultureInfo.InvariantCulture,
            $"Property falsified after {failed.Item1.NumberOfTests} case(s) and {failed.Item1.NumberOfShrinks} shrink(s).").AppendLine();
        text.Append("Original: ").AppendLine(OneLine(failed.Item2));
        text.Append("Shrunk:   ").AppendLine(OneLine(failed.Item3));
        text.Append(CultureInfo.InvariantCulture, $"Replay:   {ReplayEnv}={ReplayOf(failed)}").Append(
            CultureInfo.InvariantCulture, $"  (only the failing case: {ReplayEnv}={ReplayAtFailingCase(failed)})").AppendLine();
        text.AppendLine("--- FsCheck ---").Append(Runner.onFinishedToString("", failed).Trim());
        return text.ToString();
    }
}
