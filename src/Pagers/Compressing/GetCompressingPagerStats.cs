namespace MachActors.Pagers.Compressing;

/// <summary>Anyone -> <see cref="CompressingPager"/>: reply with its <see cref="CompressingPagerStats"/>.</summary>
public sealed record GetCompressingPagerStats
{
    /// <summary>The one instance.</summary>
    public static readonly GetCompressingPagerStats Instance = new();
}
