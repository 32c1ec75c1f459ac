using System.Globalization;
using MachActors.Actors.Tracing;

namespace MachActors.Bench.Kernel;

/// <summary>A trace sink for the step reports: deliveries counted by message type.</summary>
public sealed class DeliveryCounter : ITraceSink
{
    public Dictionary<string, long> ByType { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts only while true (default), so a report can leave a set-up phase out.</summary>
    public bool Enabled { get; set; } = true;

    public void OnEvent(in TraceEvent traceEvent)
    {
        if (!Enabled || traceEvent.Kind != TraceKind.Deliver || traceEvent.Message is null) return;
        var name = traceEvent.Message.GetType().Name;
        ByType[name] = ByType.GetValueOrDefault(name) + 1;
    }

    /// <summary>Prints the types delivered at least once per 1,000 operations, most frequent first, with their rate per operation.</summary>
    public void Print(long operations)
    {
        foreach (var (type, count) in ByType.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (count * 1000 < operations) continue;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {type,-20} {count,10:N0} deliveries  {(double)count / operations:F3}/op"));
        }
    }
}
