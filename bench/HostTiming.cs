using System.Diagnostics;

namespace MachActors.Bench;

/// <summary>
/// The rough host timing the <c>*-steps</c> reports print beside their step counts (BenchmarkDotNet's
/// tables are the measurement): each run is prepared untimed, timed with allocations counted, then
/// finished (verified, released) untimed.
/// </summary>
internal static class HostTiming
{
    /// <summary>Runs <paramref name="runs"/> times; returns each run's host nanoseconds per operation, in run order.</summary>
    public static List<double> PerOperation(int runs, Action prepare, Action run, Action finish, long operations, out long allocated)
    {
        var times = new List<double>(runs);
        allocated = 0;
        for (var r = 0; r < runs; r++)
        {
            prepare();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            run();
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            finish();
            times.Add(watch.Elapsed.TotalNanoseconds / operations);
        }
        return times;
    }

    /// <summary>The median of <paramref name="times"/> (not changed).</summary>
    public static double Median(IReadOnlyList<double> times)
    {
        var sorted = times.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
