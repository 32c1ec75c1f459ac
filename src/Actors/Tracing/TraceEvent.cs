using System.Globalization;
using MachActors.Actors.Timing;

namespace MachActors.Actors.Tracing;

/// <summary>
/// One observable runtime event. Under the controlled dispatcher the sequence of events is a pure
/// function of the schedule, so two runs with the same schedule produce equal sequences
/// (compare with <see cref="ToString"/>, which renders messages canonically).
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Time">Virtual time of the event.</param>
/// <param name="Step">Scheduling step at which it happened (controlled dispatcher; 0 under the parallel one).</param>
/// <param name="Actor">Primary actor id (see <see cref="TraceKind"/> for each kind's meaning).</param>
/// <param name="Other">Secondary actor id or value (see <see cref="TraceKind"/>).</param>
/// <param name="Message">The message involved, if any.</param>
/// <param name="Text">Extra detail: a name, a timer key, an exception summary.</param>
public readonly record struct TraceEvent(
    TraceKind Kind, VirtualTime Time, long Step, int Actor, long Other, object? Message, string? Text)
{
    /// <summary>Canonical one-line form, stable across runs with the same schedule.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var msg = Message is null ? "" : " " + Describe(Message);
        var text = Text is null ? "" : " [" + Text + "]";
        return string.Create(inv, $"{Time.Nanoseconds,12} #{Step,-6} {Kind,-10} a{Actor} o{Other}{msg}{text}");
    }

    /// <summary>Renders a message for traces: records print their members; exceptions print type and message.</summary>
    public static string Describe(object message) => message switch
    {
        Exception e => e.GetType().Name + ": " + e.Message,
        Type t => t.Name,
        string s => "\"" + s + "\"",
        _ => message.ToString() ?? message.GetType().Name,
    };
}
