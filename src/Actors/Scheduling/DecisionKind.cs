namespace MachActors.Actors.Scheduling;

/// <summary>The kinds of decision the controlled dispatcher asks its strategy for.</summary>
public enum DecisionKind : byte
{
    /// <summary>Deliver one message to the actor whose id is the value.</summary>
    Deliver,

    /// <summary>Fire the earliest pending timer now, before delivering more mail (the value is unused).</summary>
    FireTimer,

    /// <summary>The actor whose id is the value handles a user message before its pending system message.</summary>
    UserFirst,

    /// <summary>A ChooseBool answer (value 0 or 1).</summary>
    Bool,

    /// <summary>A ChooseInt answer (the value).</summary>
    Int,
}
