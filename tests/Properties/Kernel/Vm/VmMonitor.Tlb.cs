using MachActors.Actors.Tracing;
using MachActors.Hardware.Cpu;
using MachActors.Hardware.Memory;

namespace MachActors.Tests.Properties.Kernel.Vm;

public sealed partial class VmMonitor
{
    private readonly Dictionary<int, long> _faultingPmap = [];
    private readonly Dictionary<int, Dictionary<(long Pmap, long Page), int>> _tlbs = [];

    /// <summary>(f) A CPU asks the kernel about a page (remembered: the answer fills its TLB), or accesses a frame: some translation it holds must name it.</summary>
    private void SentByCpu(in TraceEvent e)
    {
        switch (e.Message)
        {
            case KernelCall { Request: MemoryFault f }:
                _faultingPmap[e.Actor] = f.PmapId;
                break;
            case MemoryAccess m:
                var frame = m.Frame.Value;
                if (!_tlbs.TryGetValue(e.Actor, out var tlb) || !tlb.ContainsValue(frame))
                {
                    Violate(VmProperty.F, e, $"cpu actor a{e.Actor} accesses frame {frame} with no translation to it that was not shot down");
                }
                break;
        }
    }

    /// <summary>(f) The CPU's shadow TLB: a translation fills it, a shootdown empties its range.</summary>
    private void DeliveredToCpu(in TraceEvent e)
    {
        switch (e.Message)
        {
            case KernelCallReply { Result: MemoryTranslation t } when _faultingPmap.TryGetValue(e.Actor, out var pmap):
                Tlb(e.Actor)[(pmap, t.Page)] = t.Frame.Value;
                break;
            case TlbShootdown s:
                var tlb = Tlb(e.Actor);
                foreach (var key in tlb.Keys.Where(k => k.Pmap == s.PmapId && k.Page >= s.FirstPage && k.Page - s.FirstPage < s.PageCount).ToList()) tlb.Remove(key);
                break;
        }
    }

    private Dictionary<(long Pmap, long Page), int> Tlb(int cpu)
    {
        if (!_tlbs.TryGetValue(cpu, out var tlb)) _tlbs[cpu] = tlb = [];
        return tlb;
    }
}
