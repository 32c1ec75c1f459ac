using System.Diagnostics;
using System.Globalization;
using MachActors.Bench.Kernel;

namespace MachActors.Bench.Vm;

/// <summary>
/// <c>vm-steps [runs]</c>: runs every VM workload outside BenchmarkDotNet and prints, for the
/// measured part, the runtime steps per fault or pageout, the VM counters, virtual time,
/// allocated bytes per operation, a rough host time per operation (Stopwatch, median of
/// <c>runs</c> after the usual untimed warm-up; default 5) and its ratio to the zero-fill fault,
/// and which actor messages the steps delivered (one more, traced run; set-up left out).
/// Exits with 1 if a run's counts are wrong.
/// </summary>
public static class VmStepsReport
{
    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var inv = CultureInfo.InvariantCulture;
        try
        {
            double? zeroFill = null;
            foreach (var (name, workload) in VmSizes.All())
            {
                workload.WarmUp(VmSizes.WarmUpRuns);
                var time = HostTiming.Median(HostTiming.PerOperation(runs, () => workload.Prepare(), () => workload.Run(), () =>
                {
                    workload.Verify();
                    workload.Release();
                }, workload.Operations, out var allocated));
                zeroFill ??= time;
                double ops = workload.Operations;
                var m = workload.Measured;
                Console.WriteLine(string.Create(inv, $"{name} ({workload}; {workload.Operations:N0} ops)"));
                Console.WriteLine(string.Create(inv,
                    $"  {workload.Steps:N0} steps = {workload.Steps / ops:F3} steps/op, {workload.VirtualElapsed} virtual; set-up: {workload.SetUp}"));
                Console.WriteLine(string.Create(inv,
                    $"  measured: {m.Faults:N0} faults, {m.ZeroFills:N0} zero fills, {m.Pageins:N0} pageins, {m.Pageouts:N0} pageouts; min free {m.MinFreeFrames}"));
                Console.WriteLine(string.Create(inv,
                    $"  host ~{time:F0} ns/op (median), {allocated / ops:F0} B/op allocated; {1e9 / time:N0} op/s; ratio to a zero-fill fault {time / zeroFill.Value:F2}"));
                var sink = new DeliveryCounter { Enabled = false };
                workload.Prepare(sink, () => sink.Enabled = true);
                workload.Run();
                workload.Verify();
                workload.Release();
                sink.Print(workload.Operations);
            }
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine("vm-steps: " + e.Message);
            return 1;
        }
    }
}
