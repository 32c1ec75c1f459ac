namespace MachActors.Pagers.Dsm;

/// <summary>Anyone -> <see cref="DsmPager"/>: reply with its <see cref="DsmPagerStats"/>.</summary>
public sealed record GetDsmPagerStats
{
    /// <summary>The one instance.</summary>
    public static readonly GetDsmPagerStats Instance = new();
}
