namespace MachActors.Pagers.File;

/// <summary>Anyone -> <see cref="FilePager"/>: reply with its <see cref="FilePagerStats"/>.</summary>
public sealed record GetFilePagerStats
{
    /// <summary>The one instance.</summary>
    public static readonly GetFilePagerStats Instance = new();
}
