namespace MachActors.Tests.Unit.Host.Runs;

/// <summary>The trace checker is not blind: hand-made bad traces fail it, a good one passes.</summary>
public sealed class ChromeTraceChecksTests : IDisposable
{
    private const string Metadata = """
        {"ph":"M","name":"process_name","pid":1,"tid":0,"args":{"name":"MachActors machine: test"}},
        {"ph":"M","name":"process_labels","pid":1,"tid":0,"args":{"labels":"tasks: t#1"}},
        {"ph":"M","name":"thread_name","pid":1,"tid":1,"args":{"name":"CPU 0"}},
        """;

    private const string Good = """{"ph":"X","name":"a","pid":1,"tid":1,"ts":0,"dur":5,"args":{"task":"t#1"}}""";

    private readonly string _path = Path.GetTempFileName();

    public void Dispose() => File.Delete(_path);

    private void Check(string events)
    {
        File.WriteAllText(_path, "{\"traceEvents\":[" + Metadata + events + "],\"displayTimeUnit\":\"ns\"}");
        ChromeTraceChecks.Check(_path, cpus: 1);
    }

    [Fact]
    public void AGoodTrace_Passes() => Check(Good + """,{"ph":"s","name":"m","pid":1,"tid":1,"ts":1,"id":1},{"ph":"f","name":"m","pid":1,"tid":1,"ts":4,"id":1,"bp":"e"}""");

    [Theory]
    [InlineData("""{"ph":"X","name":"b","pid":1,"tid":1,"ts":4,"dur":5,"args":{"task":"t#1"}}""")]                 // overlaps the first slice
    [InlineData("""{"ph":"X","name":"b","pid":1,"tid":2,"ts":9,"dur":5,"args":{"task":"t#1"}}""")]                 // not a CPU lane
    [InlineData("""{"ph":"X","name":"b","pid":1,"tid":1,"ts":9,"dur":-1,"args":{"task":"t#1"}}""")]                // negative duration
    [InlineData("""{"ph":"X","name":"b","pid":1,"tid":1,"ts":9,"dur":1,"args":{"task":"u#2"}}""")]                 // an unnamed task
    [InlineData("""{"ph":"s","name":"m","pid":1,"tid":1,"ts":1,"id":7}""")]                                       // a flow without its finish
    [InlineData("""{"ph":"i","name":"page fault","pid":1,"tid":1,"ts":1,"s":"g"}""")]                             // a global instant
    public void ABadTrace_Fails(string bad) => Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Check(Good + "," + bad));
}
