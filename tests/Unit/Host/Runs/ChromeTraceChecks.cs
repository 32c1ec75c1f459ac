using System.Text.Json;

namespace MachActors.Tests.Unit.Host.Runs;

/// <summary>What a Chrome Trace Event file written by <c>run --trace FILE</c> must satisfy, checked on the parsed JSON.</summary>
internal static class ChromeTraceChecks
{
    /// <summary>
    /// Parses <paramref name="path"/> and asserts: an object with a traceEvents array and displayTimeUnit
    /// "ns"; every X event has ts and dur at least 0 on a CPU lane (tid 1..<paramref name="cpus"/>);
    /// slices on one lane never overlap; every flow start has exactly one finish with its id (and
    /// the other way round); every lane used and the process are named by metadata; every slice's
    /// task is among the process labels. Returns the events for further checks.
    /// </summary>
    public static IReadOnlyList<JsonElement> Check(string path, int cpus)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        Assert.Equal("ns", root.GetProperty("displayTimeUnit").GetString());
        var events = root.GetProperty("traceEvents").EnumerateArray().Select(e => e.Clone()).ToList();
        Assert.All(events, e => Assert.Equal(1, e.GetProperty("pid").GetInt32()));
        var metadata = events.Where(e => Phase(e) == "M").ToList();
        var laneNames = metadata.Where(e => Name(e) == "thread_name").ToDictionary(e => e.GetProperty("tid").GetInt32(), e => e.GetProperty("args").GetProperty("name").GetString());
        Assert.Contains(metadata, e => Name(e) == "process_name" && e.GetProperty("args").GetProperty("name").GetString()!.StartsWith("MachActors machine", StringComparison.Ordinal));
        var labels = Assert.Single(metadata, e => Name(e) == "process_labels").GetProperty("args").GetProperty("labels").GetString()!;
        for (var cpu = 0; cpu < cpus; cpu++) Assert.Equal($"CPU {cpu}", laneNames[cpu + 1]);

        var slices = events.Where(e => Phase(e) == "X").ToList();
        Assert.NotEmpty(slices);
        foreach (var slice in slices)
        {
            Assert.True(slice.GetProperty("ts").GetDecimal() >= 0 && slice.GetProperty("dur").GetDecimal() >= 0, slice.ToString());
            Assert.InRange(slice.GetProperty("tid").GetInt32(), 1, cpus);
            Assert.Contains(slice.GetProperty("args").GetProperty("task").GetString()!, labels);
        }
        foreach (var lane in slices.GroupBy(s => s.GetProperty("tid").GetInt32()))
        {
            var ordered = lane.Select(s => (Start: s.GetProperty("ts").GetDecimal(), End: s.GetProperty("ts").GetDecimal() + s.GetProperty("dur").GetDecimal()))
                .OrderBy(s => s.Start).ThenBy(s => s.End).ToList();
            for (var i = 1; i < ordered.Count; i++) Assert.True(ordered[i - 1].End <= ordered[i].Start, $"lane {lane.Key}: {ordered[i - 1]} overlaps {ordered[i]}");
        }

        var starts = events.Where(e => Phase(e) == "s").Select(e => e.GetProperty("id").GetInt64()).ToList();
        var finishes = events.Where(e => Phase(e) == "f").Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(starts.Count, starts.Distinct().Count());
        Assert.Equal(starts.Order(), finishes.Order());
        Assert.All(events.Where(e => Phase(e) is "s" or "f" or "i"), e => Assert.True(laneNames.ContainsKey(e.GetProperty("tid").GetInt32()), e.ToString()));
        Assert.All(events.Where(e => Phase(e) == "i"), e => Assert.Equal("t", e.GetProperty("s").GetString()));
        return events;
    }

    /// <summary>The event's ph.</summary>
    public static string Phase(JsonElement e) => e.GetProperty("ph").GetString()!;

    /// <summary>The event's name.</summary>
    public static string Name(JsonElement e) => e.GetProperty("name").GetString()!;
}
