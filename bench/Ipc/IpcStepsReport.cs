using System.Diagnostics;
using System.Globalization;
using MachActors.Bench.Kernel;

namespace MachActors.Bench.Ipc;

/// <summary>
/// <c>ipc-steps [runs]</c>: runs every IPC workload outside BenchmarkDotNet and prints the runtime
/// steps per RPC or one-way message, recorded decisions, virtual time, context switches, traps and
/// handoffs per operation, allocated bytes per operation, a rough host time per operation
/// (Stopwatch, median of <c>runs</c> after the usual untimed warm-up; default 5) beside the
/// controlled ping-pong's time per round trip, and which actor messages the steps delivered (one
/// more, traced run). Exits with 1 if a run's counts are wrong.
/// </summary>
public static class IpcStepsReport
{
    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var inv = CultureInfo.InvariantCulture;
        try
        {
            var pingPong = new ActorPingPong();
            var baseline = HostTiming.Median(HostTiming.PerOperation(runs, () => pingPong.Prepare(), () => pingPong.Run(), pingPong.Release, pingPong.RoundTrips, out var ppAllocated));
            Console.WriteLine(string.Create(inv,
                $"PingPong, controlled ({pingPong.RoundTrips:N0} round trips): host ~{baseline:F0} ns/round trip (median), {(double)ppAllocated / pingPong.RoundTrips:F0} B/round trip allocated"));
            foreach (var (name, workload) in IpcSizes.All())
            {
                var handoffs = workload.CountHandoffs();
                workload.WarmUp(IpcSizes.WarmUpRuns);
                var time = HostTiming.Median(HostTiming.PerOperation(runs, () => workload.Prepare(), () => workload.Run(), () =>
                {
                    workload.Verify();
                    workload.Release();
                }, workload.Operations, out var allocated));
                double ops = workload.Operations;
                Console.WriteLine(string.Create(inv, $"{name} ({workload})"));
                Console.WriteLine(string.Create(inv,
                    $"  {workload.Steps:N0} steps = {workload.Steps / ops:F3} steps/op, {workload.Decisions:N0} decisions, {workload.VirtualElapsed} virtual"));
                Console.WriteLine(string.Create(inv,
                    $"  per op: {workload.ContextSwitches / ops:F3} context switches, {workload.Traps / ops:F3} traps, {handoffs / ops:F3} handoff dispatches"));
                Console.WriteLine(string.Create(inv,
                    $"  host ~{time:F0} ns/op (median), {allocated / ops:F0} B/op allocated; {1e9 / time:N0} op/s; ratio to a controlled ping-pong round trip {time / baseline:F2}"));
                var sink = new DeliveryCounter();
                workload.Prepare(sink);
                workload.Run();
                workload.Verify();
                workload.Release();
                sink.Print(workload.Operations);
            }
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine("ipc-steps: " + e.Message);
            return 1;
        }
    }

    /// <summary>Median host ns per operation over <paramref name="runs"/> timed runs; the last run's allocated bytes (this thread).</summary>
}
