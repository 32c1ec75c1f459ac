using MachActors.Hardware.Device;
using MachActors.Kernel.Vm;

namespace MachActors.Pagers.Default;

/// <summary>
/// What a decision of <see cref="DefaultPagerState"/> does outside it. The hosting
/// <see cref="DefaultPager"/> actor carries them out in order; tests read them.
/// </summary>
public abstract record DefaultPagerEffect
{
    /// <summary>Send <paramref name="Request"/> to the swap disk; its <see cref="DiskInterrupt"/> goes to <see cref="DefaultPagerState.Complete"/>.</summary>
    /// <param name="Request">The read.</param>
    public sealed record Read(DiskRead Request) : DefaultPagerEffect;

    /// <summary>Send <paramref name="Request"/> to the swap disk; its <see cref="DiskInterrupt"/> goes to <see cref="DefaultPagerState.Complete"/>.</summary>
    /// <param name="Request">The write.</param>
    public sealed record Write(DiskWrite Request) : DefaultPagerEffect;

    /// <summary>Send <paramref name="Message"/> to the VM object on its control port (<c>Message.Control.Object</c>).</summary>
    /// <param name="Message">data_supply, data_unavailable or data_error.</param>
    public sealed record Reply(PagerControlMessage Message) : DefaultPagerEffect;

    /// <summary>Send <paramref name="Message"/> to the resident memory (<see cref="PageoutCreditsTo"/>): a page handed over is settled.</summary>
    /// <param name="Message">The credit.</param>
    public sealed record Credit(PageoutCredit Message) : DefaultPagerEffect;
}
