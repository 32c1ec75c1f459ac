namespace MachActors.Exploration;

/// <summary>A bug an iteration found: its kind and the report text.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Text">What went wrong (monitor name and message, exception, blocked work).</param>
public sealed record Bug(BugKind Kind, string Text)
{
    /// <summary>"Kind: text".</summary>
    public override string ToString() => $"{Kind}: {Text}";
}
