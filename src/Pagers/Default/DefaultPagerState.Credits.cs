using MachActors.Kernel.Vm;

namespace MachActors.Pagers.Default;

public sealed partial class DefaultPagerState
{
    private int _unsettled;

    /// <summary>The page a data_return or data_initialize hands over; null for other messages.</summary>
    private static (ControlIncarnation Control, long Offset)? PageOf(PagerMessage message) => message switch
    {
        DataReturn r => (r.Control, r.Offset),
        DataInitialize i => (i.Control, i.Offset),
        _ => null,
    };

    /// <summary>A message was received: a page it hands over is unsettled until <see cref="Settle"/>.</summary>
    private void Taken(PagerMessage message)
    {
        if (PageOf(message) is null) return;
        _unsettled++;
        _counts.MaxPagesUnsettled = Math.Max(_counts.MaxPagesUnsettled, _unsettled);
    }

    /// <summary>A message dropped unhandled (a terminated incarnation, a seqno already seen): counted Stale; a page it handed over is settled Dropped.</summary>
    private void Stale(PagerMessage message)
    {
        _counts.Stale++;
        if (PageOf(message) is { } page) Settle(page.Control, page.Offset, PageoutFate.Dropped);
    }

    /// <summary>
    /// The one place a page's credit is made: the page of a data_return or data_initialize received
    /// (<see cref="Taken"/>) is settled as <paramref name="fate"/>. Called exactly once per such message:
    /// when it is dropped (<see cref="Stale"/>), when its write is refused or needs no disk
    /// (TryWrite), or at its write's interrupt (Complete).
    /// </summary>
    private void Settle(ControlIncarnation control, long offset, PageoutFate fate)
    {
        _unsettled--;
        _counts.Credits++;
        _effects.Add(new DefaultPagerEffect.Credit(new PageoutCredit(control, offset, fate)));
    }
}
