namespace MachActors.Actors.Scheduling;

/// <summary>One recorded scheduling decision. A run is reproduced exactly by replaying its decisions in order.</summary>
/// <param name="Kind">What was decided.</param>
/// <param name="Value">The actor id for Deliver and UserFirst, the answer for Bool / Int.</param>
public readonly record struct Decision(DecisionKind Kind, int Value)
{
    /// <summary>Compact text: "d17", "t", "u17", "b1", "i3".</summary>
    public override string ToString() => Kind switch
    {
        DecisionKind.Deliver => "d" + Value,
        DecisionKind.FireTimer => "t",
        DecisionKind.UserFirst => "u" + Value,
        DecisionKind.Bool => "b" + Value,
        _ => "i" + Value,
    };

    /// <summary>Parses the compact text form written by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">The text is not a decision.</exception>
    public static Decision Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "t") return new Decision(DecisionKind.FireTimer, 0);
        if (text.Length >= 2 && int.TryParse(text.AsSpan(1), System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var v))
        {
            switch (text[0])
            {
                case 'd': return new Decision(DecisionKind.Deliver, v);
                case 'u': return new Decision(DecisionKind.UserFirst, v);
                case 'b' when v is 0 or 1: return new Decision(DecisionKind.Bool, v);
                case 'i': return new Decision(DecisionKind.Int, v);
            }
        }
        throw new FormatException($"'{text}' is not a scheduling decision (expected d<id>, t, u<id>, b0, b1 or i<n>)");
    }
}
