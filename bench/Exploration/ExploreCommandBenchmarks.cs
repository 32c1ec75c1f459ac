using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace MachActors.Bench.Exploration;

/// <summary>
/// The exploration as a user runs it: <c>machactors explore vm-pager-stamps --iterations 2000</c>
/// as a fresh process, start to end (runtime start, JIT, 2,000 iterations on every core, the
/// report), beside the baseline of the same command line's cheapest run, <c>machactors --version</c>
/// (the process start alone). One operation = one iteration of the exploration, so the measured
/// row reads as iterations/s of a cold command line. Needs the host built in Release first
/// (<c>dotnet build MachActors.sln -c Release</c>): the benchmark runs
/// src/Host/bin/Release/net10.0/machactors.dll, found from the repository root. Every invocation
/// is checked: exit code 0 and the report's "2000 iterations" line.
/// </summary>
[Config(typeof(ShortRunConfig))]
[InvocationCount(1)]
public class ExploreCommandBenchmarks
{
    /// <summary>Iterations of the explored command line.</summary>
    public const int Iterations = 2_000;

    private string _host = "";
    private string _out = "";

    /// <summary>Finds the built host and makes the output directory for schedule files.</summary>
    [GlobalSetup]
    public void FindHost()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Host", "bin", "Release", "net10.0", "machactors.dll");
            if (File.Exists(candidate))
            {
                _host = candidate;
                break;
            }
        }
        if (_host.Length == 0) throw new InvalidOperationException("build the host first: dotnet build MachActors.sln -c Release (src/Host/bin/Release/net10.0/machactors.dll not found above the benchmark)");
        _out = Path.Combine(Path.GetTempPath(), "machactors-bench-explore");
        Directory.CreateDirectory(_out);
    }

    [Benchmark(Baseline = true)]
    public int ProcessStart() => Run(["--version"], expect: null);

    [Benchmark(OperationsPerInvoke = Iterations)]
    public int ExploreStandardScenario() =>
        Run(["explore", "vm-pager-stamps", "--iterations", Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "1", "--out", _out], expect: "2000");

    private int Run(string[] args, string? expect)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(_host);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || (expect is not null && !stdout.Contains(expect, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"machactors {string.Join(' ', args)} exited {process.ExitCode}: {stdout} {stderr.Result}");
        }
        return stdout.Length;
    }
}
