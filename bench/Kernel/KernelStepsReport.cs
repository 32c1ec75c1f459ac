using System.Diagnostics;
using System.Globalization;

namespace MachActors.Bench.Kernel;

/// <summary>
/// <c>kernel-steps [runs]</c>: runs every kernel workload outside BenchmarkDotNet and prints the
/// runtime steps per operation (TotalSteps / context switches or traps), recorded decisions,
/// virtual time, allocated bytes per operation, a rough host time per operation (Stopwatch, median
/// of <c>runs</c> after the usual untimed warm-up; default 5), and which messages the steps
/// delivered (one more, traced run). Exits with 1 if a run's counts are wrong.
/// </summary>
public static class KernelStepsReport
{
    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        try
        {
            foreach (var (name, workload, declared) in KernelSizes.All())
            {
                if (workload.Operations != declared) throw new InvalidOperationException($"{name}: declares {declared} operations, runs {workload.Operations}");
                workload.WarmUp(KernelSizes.WarmUpRuns);
                var times = HostTiming.PerOperation(runs, () => workload.Prepare(), () => workload.Run(), () =>
                {
                    workload.Verify();
                    workload.Release();
                }, workload.Operations, out var allocated);
                Print(name, workload, times, allocated);
                PrintBreakdown(workload);
            }
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine("kernel-steps: " + e.Message);
            return 1;
        }
    }

    private static void Print(string name, MachineWorkload workload, List<double> times, long allocated)
    {
        var inv = CultureInfo.InvariantCulture;
        var runs = string.Join(", ", times.Select(t => t.ToString("F0", inv)));
        Console.WriteLine(string.Create(inv, $"{name} ({workload})"));
        Console.WriteLine(string.Create(inv,
            $"  {workload.Operations:N0} ops, {workload.Steps:N0} steps = {(double)workload.Steps / workload.Operations:F3} steps/op, " +
            $"{workload.Decisions:N0} decisions, {workload.VirtualElapsed} virtual"));
        Console.WriteLine(string.Create(inv,
            $"  host ~{HostTiming.Median(times):F0} ns/op (median; runs {runs}), {(double)allocated / workload.Operations:F0} B/op allocated"));
    }

    /// <summary>One more run with a trace sink: deliveries per operation by message type.</summary>
    private static void PrintBreakdown(MachineWorkload workload)
    {
        var sink = new DeliveryCounter();
        workload.Prepare(sink);
        workload.Run();
        workload.Verify();
        workload.Release();
        sink.Print(workload.Operations);
    }
}
