using System.Collections.Immutable;

namespace MachActors.Pagers.File;

/// <summary>What reading a page of a file gave: its bytes, nothing (the file ends before it), or a failure.</summary>
/// <param name="Data">The page (exactly one page, a short tail padded with zeros); default when there is none.</param>
/// <param name="Problem">Why the read failed, or null.</param>
public sealed record PageRead(ImmutableArray<byte> Data, string? Problem)
{
    /// <summary>The file ends at or before the page (or does not exist where that means empty).</summary>
    public static readonly PageRead Missing = new(default(ImmutableArray<byte>), null);

    /// <summary>Whether there are bytes.</summary>
    public bool HasData => !Data.IsDefault;

    /// <summary>A failed read.</summary>
    /// <param name="problem">Why.</param>
    public static PageRead Fail(string problem) => new(default(ImmutableArray<byte>), problem);
}
