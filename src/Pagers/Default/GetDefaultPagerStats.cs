namespace MachActors.Pagers.Default;

/// <summary>Anyone -> <see cref="DefaultPager"/>: reply with a snapshot of its <see cref="DefaultPagerCounts"/>.</summary>
public sealed record GetDefaultPagerStats
{
    /// <summary>The one instance.</summary>
    public static readonly GetDefaultPagerStats Instance = new();
}
