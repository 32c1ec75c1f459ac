using System.Globalization;
using System.Text;
using System.Text.Json;
using MachActors.Actors.Timing;
using MachActors.Host.Commands;

namespace MachActors.Host.Runs;

/// <summary>
/// What a <c>run --config FILE.json</c> file sets; null where it says nothing (the command line or
/// the defaults decide). Values are already checked with the same rules, and messages, as the flags.
/// </summary>
/// <param name="Cpus">"cpus": processors.</param>
/// <param name="Frames">"frames": physical frames.</param>
/// <param name="SwapBlocks">"swapBlocks": blocks of the swap disk.</param>
/// <param name="Pager">"pager": the pager, as --pager takes it (checked by the command, as the flag is).</param>
/// <param name="Workload">"workload": a registered workload's name.</param>
/// <param name="Seed">"seed": the strategy's seed.</param>
/// <param name="MaxTime">"maxTime": the virtual time limit ("10s").</param>
/// <param name="Affinity">"affinity": affinity scheduling.</param>
/// <param name="Parallel">"parallel": the parallel dispatcher.</param>
internal sealed record RunConfigValues(
    int? Cpus = null, int? Frames = null, long? SwapBlocks = null, string? Pager = null, string? Workload = null,
    ulong? Seed = null, Duration? MaxTime = null, bool? Affinity = null, bool? Parallel = null);

/// <summary>
/// Reads a run configuration file: one JSON object whose keys are <see cref="Keys"/> (comments allowed,
/// nothing else). Strict: a syntax error, an unknown or repeated key, a value of the wrong type or out
/// of range is a problem "FILE:LINE:COLUMN: what" (1-based; the column counts bytes). Pure apart
/// from reading the file; never throws on bad content.
/// </summary>
internal static class RunConfigFile
{
    /// <summary>Every key a configuration file may hold, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<string> Keys = ["cpus", "frames", "swapBlocks", "pager", "workload", "seed", "maxTime", "affinity", "parallel"];

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false };

    /// <summary>
    /// Reads <paramref name="path"/>. Returns the values when there is no problem; otherwise null and
    /// every problem found in <paramref name="problems"/> (a syntax error stops the reading: it is the last).
    /// </summary>
    public static RunConfigValues? Load(string path, IReadOnlyCollection<string> workloads, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems = [$"{path}: cannot read the configuration file: {e.Message}"];
            return null;
        }
        return Parse(bytes, path, workloads, out problems);
    }

    /// <summary>Reads the UTF-8 <paramref name="json"/> of a file called <paramref name="file"/> (for messages); see <see cref="Load"/>.</summary>
    public static RunConfigValues? Parse(ReadOnlySpan<byte> json, string file, IReadOnlyCollection<string> workloads, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        if (json.StartsWith(Encoding.UTF8.Preamble)) json = json[Encoding.UTF8.Preamble.Length..];
        var found = new List<string>();
        var values = new RunConfigValues();
        var reader = new Utf8JsonReader(json, Options);
        var input = json.ToArray(); // positions are turned into lines against this (a local function cannot hold the span)
        string At(long offset) => Position(input, offset, file);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                found.Add(At(reader.TokenStartIndex) + ": the configuration must be one JSON object, e.g. { \"cpus\": 4 }");
                problems = found;
                return null;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                var keyAt = At(reader.TokenStartIndex);
                reader.Read();
                var valueAt = At(reader.TokenStartIndex);
                if (!Keys.Contains(key))
                {
                    found.Add($"{keyAt}: unknown key \"{key}\": expected one of {string.Join(", ", Keys)}");
                }
                else if (!seen.Add(key))
                {
                    found.Add($"{keyAt}: the key \"{key}\" is given twice");
                }
                else if (Read(ref reader, key, workloads, ref values) is { } problem)
                {
                    found.Add($"{valueAt}: {problem}");
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
            if (reader.Read()) found.Add(At(reader.TokenStartIndex) + ": nothing may follow the configuration object");
        }
        catch (JsonException e)
        {
            found.Add(string.Create(CultureInfo.InvariantCulture, $"{file}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: {Describe(e)}"));
        }
        problems = found;
        return found.Count == 0 ? values : null;
    }

    /// <summary>Checks the value under the reader for <paramref name="key"/> and records it in <paramref name="values"/>; returns the problem, or null.</summary>
    private static string? Read(ref Utf8JsonReader reader, string key, IReadOnlyCollection<string> workloads, ref RunConfigValues values)
    {
        var text = Text(ref reader);
        switch (key)
        {
            case "cpus":
                if (!WholeNumber(ref reader, out int cpus)) return Expected(key, text, "a whole number from 1 to 64");
                values = values with { Cpus = cpus };
                return Invalid(key, text, RunCommand.CpuProblem(cpus));
            case "frames":
                if (!WholeNumber(ref reader, out int frames)) return Expected(key, text, "a whole number");
                values = values with { Frames = frames };
                return Invalid(key, text, RunCommand.FramesProblem(frames));
            case "swapBlocks":
                if (!WholeNumber(ref reader, out long blocks)) return Expected(key, text, "a whole number");
                values = values with { SwapBlocks = blocks };
                return Invalid(key, text, RunCommand.SwapBlocksProblem(blocks));
            case "seed":
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt64(out var seed)) return Expected(key, text, $"a whole number from 0 to {ulong.MaxValue}");
                values = values with { Seed = seed };
                return null;
            case "maxTime":
                if (reader.TokenType != JsonTokenType.String || !ValueParsers.TryParseDuration(reader.GetString()!, out var maxTime))
                {
                    return Expected(key, text, "a string with a positive whole number and a unit (ns, us, ms or s), e.g. \"100ms\"");
                }
                values = values with { MaxTime = maxTime };
                return null;
            case "affinity" or "parallel":
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False)) return Expected(key, text, "true or false");
                values = key == "affinity" ? values with { Affinity = reader.GetBoolean() } : values with { Parallel = reader.GetBoolean() };
                return null;
            case "workload":
                if (reader.TokenType != JsonTokenType.String) return Expected(key, text, "a string: " + string.Join(", ", workloads));
                var name = reader.GetString()!;
                if (!workloads.Contains(name)) return $"unknown workload '{name}' for \"workload\": expected one of {string.Join(", ", workloads)}";
                values = values with { Workload = name };
                return null;
            default: // "pager"
                if (reader.TokenType != JsonTokenType.String || reader.GetString() is not { Length: > 0 } pager) return Expected(key, text, "a string, as --pager takes it (PATH.dll:Type)");
                values = values with { Pager = pager };
                return null;
        }
    }

    private static bool WholeNumber(ref Utf8JsonReader reader, out int number)
    {
        number = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out number);
    }

    private static bool WholeNumber(ref Utf8JsonReader reader, out long number)
    {
        number = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out number);
    }

    /// <summary>The value as written (a string with its quotes), or its kind for objects and arrays.</summary>
    private static string Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "\"" + reader.GetString() + "\"",
        _ => Encoding.UTF8.GetString(reader.ValueSpan),
    };

    private static string Expected(string key, string text, string what) => $"invalid value {text} for \"{key}\": expected {what}";

    private static string? Invalid(string key, string text, string? problem) => problem is null ? null : $"invalid value {text} for \"{key}\": {problem}";

    /// <summary>"FILE:LINE:COLUMN" of byte <paramref name="offset"/> of <paramref name="json"/> (1-based; the column counts bytes).</summary>
    private static string Position(ReadOnlySpan<byte> json, long offset, string file)
    {
        var before = json[..(int)Math.Min(offset, json.Length)];
        var line = before.Count((byte)'\n') + 1;
        var column = before.Length - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{file}:{line}:{column}");
    }

    /// <summary>The reader's message without the position it appends (the caller puts it in front).</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd();
    }
}
