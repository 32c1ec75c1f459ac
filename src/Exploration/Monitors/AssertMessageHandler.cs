using System.Globalization;
using System.Runtime.CompilerServices;

namespace MachActors.Exploration.Monitors;

/// <summary>
/// The message of <see cref="SpecMonitor.Assert(bool, ref AssertMessageHandler)"/>: an interpolated
/// string that is formatted only when the condition fails, so a monitor that holds (the usual case,
/// checked on every event of every iteration) builds no strings. Formats with the invariant culture.
/// </summary>
[InterpolatedStringHandler]
public ref struct AssertMessageHandler
{
    private DefaultInterpolatedStringHandler _inner;

    /// <summary>Starts a message for an assertion of <paramref name="condition"/>; nothing is appended when it holds.</summary>
    /// <param name="literalLength">The literal characters of the interpolated string.</param>
    /// <param name="formattedCount">The holes of the interpolated string.</param>
    /// <param name="condition">The asserted condition.</param>
    /// <param name="shouldAppend">Whether the parts are appended (only when <paramref name="condition"/> is false).</param>
    public AssertMessageHandler(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        shouldAppend = !condition;
        _inner = condition ? default : new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture);
    }

    /// <summary>Appends a literal part.</summary>
    public void AppendLiteral(string value) => _inner.AppendLiteral(value);

    /// <summary>Appends a hole.</summary>
    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

    /// <summary>Appends a hole with a format.</summary>
    public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

    /// <summary>Appends a string hole.</summary>
    public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

    /// <summary>The message built (empty when the condition held).</summary>
    internal string ToStringAndClear() => _inner.ToStringAndClear();
}
