using System.Collections.Immutable;
using MachActors.Exploration.Monitors;
using MachActors.Kernel.Vm;

namespace MachActors.Scenarios.Monitors;

/// <summary>
/// Not a check: remembers the first well-formed answer a pager gave for each page offset (the bytes of its first
/// data_supply of the page, or zeros for data_unavailable), as delivered to the VM object, so a
/// scenario served by a pager plugin knows what the page held before the programs wrote it
/// (<see cref="MachineRun.InitialPage"/>). Scenarios with one memory object only.
/// </summary>
/// <param name="pageSize">The machine's page size.</param>
public sealed class FirstAnswerMonitor(int pageSize) : SpecMonitor
{
    /// <summary>The most pages one data_unavailable is remembered for (a hostile size is not walked).</summary>
    public const long MaxPages = 1024;

    private readonly Dictionary<long, ImmutableArray<byte>> _first = [];

    /// <summary>The first answer for the page at <paramref name="offset"/>, or null when none came.</summary>
    public ImmutableArray<byte>? FirstAnswer(long offset) => _first.TryGetValue(offset, out var bytes) ? bytes : null;

    /// <inheritdoc />
    protected override void OnDeliver(int receiver, int sender, object message)
    {
        switch (message)
        {
            case DataSupply s:
                for (var i = 0; i < s.Pages.Length && s.Offset % pageSize == 0; i++) if (s.Pages[i].Length == pageSize) _first.TryAdd(s.Offset + ((long)i * pageSize), s.Pages[i]);
                break;
            case DataUnavailable u:
                for (var at = u.Offset; at < u.Offset + Math.Min(u.Size, MaxPages * pageSize); at += pageSize) _first.TryAdd(at, ImmutableArray.Create(new byte[pageSize]));
                break;
        }
    }
}
