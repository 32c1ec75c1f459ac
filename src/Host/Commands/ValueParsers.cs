using System.CommandLine.Parsing;
using System.Globalization;
using MachActors.Actors.Timing;

namespace MachActors.Host.Commands;

/// <summary>Parsers for option values, with messages that say what was expected.</summary>
internal static class ValueParsers
{
    private static readonly (string Suffix, long Nanoseconds)[] Units =
    [
        ("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
    ];

    /// <summary>A seed: a whole number in [0, 2^64). Adds a parse error naming the option otherwise.</summary>
    public static ulong Seed(ArgumentResult result)
    {
        var text = SingleToken(result);
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed)) return seed;
        result.AddError($"Invalid value '{text}' for {OptionName(result)}: expected a whole number from 0 to {ulong.MaxValue}.");
        return 0;
    }

    /// <summary>Reads a whole number (digits only, fits an int). Adds a parse error naming the option and returns false otherwise.</summary>
    public static bool TryWholeNumber(ArgumentResult result, out int number)
    {
        var text = SingleToken(result);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number)) return true;
        var tooLarge = text.Length > 0 && text.All(char.IsAsciiDigit);
        result.AddError($"Invalid value '{text}' for {OptionName(result)}: expected a whole number{(tooLarge ? " no larger than " + int.MaxValue : "")}.");
        return false;
    }

    /// <summary>A positive span of virtual time such as 100ms, 2s, 250us or 5000ns. Adds a parse error otherwise.</summary>
    public static Duration Duration(ArgumentResult result)
    {
        var text = SingleToken(result);
        if (TryParseDuration(text, out var duration)) return duration;
        result.AddError($"Invalid value '{text}' for {OptionName(result)}: expected a positive whole number with a unit "
                        + "(ns, us, ms or s), e.g. 100ms.");
        return Actors.Timing.Duration.Zero;
    }

    /// <summary>Parses "&lt;digits&gt;&lt;unit&gt;" with unit ns, us, ms or s; false unless positive and representable.</summary>
    public static bool TryParseDuration(string text, out Duration duration)
    {
        duration = Actors.Timing.Duration.Zero;
        // Longest suffix first, so "ms" is not read as "s".
        foreach (var (suffix, scale) in Units.OrderByDescending(u => u.Suffix.Length))
        {
            if (!text.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var digits = text[..^suffix.Length];
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0) return false;
            if (amount > long.MaxValue / scale) return false;
            duration = new Duration(amount * scale);
            return true;
        }
        return false;
    }

    private static string SingleToken(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    /// <summary>The option's name (e.g. --cpus) for messages.</summary>
    public static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
