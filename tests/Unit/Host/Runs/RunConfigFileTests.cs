using System.Text;
using MachActors.Host.Runs;
using MachActors.Kernel.Programs.Workloads;

namespace MachActors.Tests.Unit.Host.Runs;

/// <summary>The run configuration file: every key read; every kind of problem reported as FILE:LINE:COLUMN with the flags' messages.</summary>
public class RunConfigFileTests
{
    private static readonly IReadOnlyCollection<string> Workloads = BuiltinWorkloads.Registry().Names.ToList();

    private static RunConfigValues? Parse(string json, out IReadOnlyList<string> problems) =>
        RunConfigFile.Parse(Encoding.UTF8.GetBytes(json), "m.json", Workloads, out problems);

    /// <summary>Asserts the text has exactly one problem, at <paramref name="position"/>, containing every fragment.</summary>
    private static void Fails(string json, string position, params string[] fragments)
    {
        var values = Parse(json, out var problems);

        Assert.Null(values);
        var problem = Assert.Single(problems);
        Assert.StartsWith("m.json:" + position + ": ", problem);
        foreach (var fragment in fragments) Assert.Contains(fragment, problem);
    }

    [Fact]
    public void Parse_EveryKey_ReadsItsValue()
    {
        var values = Parse("""
            {
              "cpus": 4, "frames": 96, "swapBlocks": 4096, "pager": "p.dll:My.Pager", "workload": "ipc",
              "seed": 18446744073709551615, "maxTime": "250ms", "affinity": true, "parallel": false
            }
            """, out var problems);

        Assert.Empty(problems);
        Assert.Equal(new RunConfigValues(4, 96, 4096, "p.dll:My.Pager", "ipc", ulong.MaxValue, Duration.FromMilliseconds(250), true, false), values);
    }

    [Fact]
    public void Parse_AnEmptyObjectWithCommentsAndABom_SetsNothing()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("// defaults\n{ /* nothing */ }\n")).ToArray();

        var values = RunConfigFile.Parse(bytes, "m.json", Workloads, out var problems);

        Assert.Empty(problems);
        Assert.Equal(new RunConfigValues(), values);
    }

    [Fact]
    public void Parse_TheShippedExample_IsValid()
    {
        var example = Path.Combine(RepositoryRoot(), "examples", "machine.json");

        var values = RunConfigFile.Load(example, Workloads, out var problems);

        Assert.Empty(problems);
        Assert.NotNull(values);
        Assert.Equal("paging", values.Workload);
    }

    [Theory]
    [InlineData("{\n  \"cpus\": 2\n  \"seed\": 3\n}", "3:3", "Expected")]          // a missing comma
    [InlineData("{\n  \"cpus\" 2\n}", "2:10", "Expected a ':'")]                  // a missing colon
    [InlineData("{ \"cpus\": 2, }", "1:14", "trailing comma")]                    // trailing commas are not JSON
    [InlineData("{\n  \"cpus\": 2", "2:12", "")]                                  // cut short
    [InlineData("{ \"cpus\": tru }", "1:14", "invalid JSON literal")]           // a bad literal (the reader points past what it read)
    public void Parse_ASyntaxError_SaysWhereAndWhat(string json, string position, string fragment) => Fails(json, position, fragment);

    [Theory]
    [InlineData("[1, 2]", "1:1")]
    [InlineData("\n\n  42", "3:3")]
    public void Parse_NotAnObject_SaysTheFileMustBeOne(string json, string position) => Fails(json, position, "must be one JSON object");

    [Fact]
    public void Parse_ContentAfterTheObject_IsAProblem() => Fails("{}\n{}", "2:1", "");

    [Fact]
    public void Parse_AnUnknownKey_NamesItAndListsTheKeys() =>
        Fails("{\n  \"cpus\": 2,\n  \"cores\": 4\n}", "3:3", "unknown key \"cores\"", "cpus, frames, swapBlocks, pager, workload, seed, maxTime, affinity, parallel");

    [Fact]
    public void Parse_AKeyGivenTwice_IsAProblem() => Fails("{ \"seed\": 1, \"seed\": 2 }", "1:14", "the key \"seed\" is given twice");

    [Theory]
    [InlineData("cpus", "\"2\"", "expected a whole number from 1 to 64")]
    [InlineData("cpus", "1.5", "expected a whole number")]
    [InlineData("frames", "null", "expected a whole number")]
    [InlineData("swapBlocks", "true", "expected a whole number")]
    [InlineData("seed", "-1", "expected a whole number from 0 to")]
    [InlineData("maxTime", "10", "expected a string with a positive whole number and a unit")]
    [InlineData("maxTime", "\"0ms\"", "expected a string with a positive whole number and a unit")]
    [InlineData("affinity", "\"yes\"", "expected true or false")]
    [InlineData("parallel", "1", "expected true or false")]
    [InlineData("workload", "[\"ipc\"]", "expected a string: compute")]
    [InlineData("pager", "{ \"path\": \"p.dll\" }", "expected a string, as --pager takes it")]
    [InlineData("pager", "\"\"", "expected a string, as --pager takes it")]
    public void Parse_AValueOfTheWrongType_SaysWhatWasExpectedAtTheValue(string key, string value, string expected) =>
        Fails($"{{\n  \"{key}\": {value}\n}}", "2:" + (key.Length + 7), $"for \"{key}\"", expected);

    [Theory]
    [InlineData("cpus", "0", "CPU count must be between 1 and 64, not 0")]
    [InlineData("cpus", "65", "CPU count must be between 1 and 64, not 65")]
    [InlineData("frames", "47", "physical frames must be between 48 and 262144")]
    [InlineData("swapBlocks", "7", "swap needs at least 8 blocks")]
    [InlineData("swapBlocks", "4294967296", "swap blocks must be no more than 2147483647")]
    [InlineData("workload", "\"forkbomb\"", "unknown workload 'forkbomb' for \"workload\": expected one of compute, interactive, ipc")]
    public void Parse_AValueOutOfRange_SaysWhatTheFlagSays(string key, string value, string message) =>
        Fails($"{{ \"{key}\": {value} }}", "1:" + (key.Length + 7), message);

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneInOrder()
    {
        Parse("{\n  \"cpus\": 0,\n  \"frames\": 1,\n  \"colour\": \"red\"\n}", out var problems);

        Assert.Equal(["m.json:2:11", "m.json:3:13", "m.json:4:3"], problems.Select(p => string.Join(':', p.Split(':').Take(3))));
    }

    [Fact]
    public void Load_AMissingFile_SaysItCannotBeRead()
    {
        var values = RunConfigFile.Load("/no/such/dir/machine.json", Workloads, out var problems);

        Assert.Null(values);
        Assert.StartsWith("/no/such/dir/machine.json: cannot read the configuration file", Assert.Single(problems));
    }

    /// <summary>The repository's root: the nearest directory above the tests holding MachActors.sln.</summary>
    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MachActors.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MachActors.sln not found above " + AppContext.BaseDirectory);
    }
}
