using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Bench.Actors;
using MachActors.Bench.Baselines;

namespace MachActors.Bench.Footprint;

/// <summary>
/// The <c>footprint</c> mode: spawns N idle actors (default 1,000,000) and reports the time to spawn
/// them and run each first turn to quiescence, and the RETAINED bytes per actor:
/// GC.GetTotalMemory(forceFullCollection: true) after minus before, with every actor still reachable
/// (the host keeps a pre-allocated array of refs, as the baseline keeps its channels). Ours on both
/// dispatchers, and the channel-backed baseline. Each kind runs in a fresh child process (a clean
/// heap, and no earlier system in the process); there, one small warm-up, then R measured runs,
/// median reported. Targets: N = 1 M in &lt;= 1 s; &lt;= 250 retained bytes per idle actor.
/// </summary>
public static class FootprintRunner
{
    private const double TargetSeconds = 1.0;
    private const double TargetBytes = 250;

    private static readonly string[] Kinds = ["channels", "parallel", "controlled"];

    /// <summary>Every measured system with its refs, kept reachable until the child process exits.</summary>
    private static readonly List<(ActorSystem System, IActorRef[] Refs)> KeptSystems = [];

    /// <summary>Arguments: [actors=1000000] [runs=3]. Starts one child process per kind and prints a table.</summary>
    public static int Run(string[] args)
    {
        var actors = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"footprint: {actors:N0} idle actors, {runs} runs per kind, one process per kind; .NET {Environment.Version}, " +
            $"{Environment.ProcessorCount} CPUs, ServerGC={GCSettings.IsServerGC}, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z"));
        Console.WriteLine();
        Console.WriteLine("| Kind | Spawn + first turn, N actors (median) | per actor | Retained B/actor (median) | Allocated B/actor | Runs (time, retained B/actor) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var failures = 0;
        var verdicts = new List<string>();
        foreach (var kind in Kinds)
        {
            using var child = Process.Start(ChildStart(kind, actors, runs)) ?? throw new InvalidOperationException("cannot start a child process");
            while (child.StandardOutput.ReadLine() is { } line)
            {
                if (line.StartsWith('|')) Console.WriteLine(line);
                else verdicts.Add(line);
            }
            child.WaitForExit();
            if (child.ExitCode != 0) failures++;
        }
        Console.WriteLine();
        foreach (var verdict in verdicts) Console.WriteLine(verdict);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Child process: measures one kind and prints its table row (and, for ours, a verdict line).</summary>
    public static int RunKind(string[] args)
    {
        var kind = args[0];
        var actors = int.Parse(args[1], CultureInfo.InvariantCulture);
        var runs = int.Parse(args[2], CultureInfo.InvariantCulture);
        Func<int, Sample> measure = kind switch
        {
            "channels" => MeasureChannels,
            "parallel" => n => MeasureOurs(n, DispatcherKind.Parallel),
            "controlled" => n => MeasureOurs(n, DispatcherKind.Controlled),
            _ => throw new ArgumentException($"unknown kind '{kind}' (expected {string.Join(", ", Kinds)})"),
        };
        measure(Math.Min(actors, 10_000)); // warm-up: JIT tiers, thread pool
        var samples = new List<Sample>();
        for (var r = 0; r < runs; r++) samples.Add(measure(actors));

        var time = Median(samples.Select(s => s.Elapsed.TotalSeconds));
        var retained = Median(samples.Select(s => (double)s.RetainedBytes / actors));
        var allocated = Median(samples.Select(s => (double)s.AllocatedBytes / actors));
        var all = string.Join(" / ", samples.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Elapsed.TotalSeconds:F3} s, {(double)s.RetainedBytes / actors:F0} B")));
        var name = kind == "channels" ? "Channel + parked loop (baseline)" : $"Ours, {kind} dispatcher";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {time:F3} s | {time * 1e9 / actors:F0} ns | {retained:F0} | {allocated:F0} | {all} |"));
        if (kind == "channels") return 0;
        var perMillion = time * 1_000_000 / actors;
        var fast = perMillion <= TargetSeconds;
        var small = retained <= TargetBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: 1 M actors{(actors == 1_000_000 ? "" : $" (extrapolated from {actors:N0})")} in {perMillion:F3} s " +
            $"(target <= {TargetSeconds} s: {(fast ? "met" : "NOT met")}), " +
            $"{retained:F0} B retained per actor (target <= {TargetBytes}: {(small ? "met" : "NOT met")})"));
        return fast && small ? 0 : 1;
    }

    private static ProcessStartInfo ChildStart(string kind, int actors, int runs)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under "dotnet MachActors.Bench.dll" the host is the muxer and needs the assembly; the apphost does not.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(FootprintRunner).Assembly.Location);
        foreach (var a in new[] { "footprint-kind", kind, actors.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }
        return start;
    }

    /// <summary>
    /// One run of ours. The system is not terminated afterwards (Terminate is not what is measured)
    /// and stays reachable until the process ends: pool threads keep a reference to the last parallel
    /// system they served, so a dropped system would be freed during the next run and its memory
    /// subtracted from that run's retained bytes.
    /// </summary>
    private static Sample MeasureOurs(int actors, DispatcherKind kind)
    {
        var system = ActorSystem.Create("footprint", new ActorSystemOptions { Dispatcher = kind });
        var props = Props.Create<IdleActor>();
        var refs = new IActorRef[actors];
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stepsBefore = system.TotalSteps;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < actors; i++) refs[i] = system.Spawn(props);
        var result = system.RunUntilQuiescent();
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Expect.Quiescent(system, result, stepsBefore, steps: actors);
        KeptSystems.Add((system, refs));
        return new Sample(clock.Elapsed, after - before, allocated);
    }

    private static Sample MeasureChannels(int actors)
    {
        var idle = new ChannelIdleActors(actors);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        idle.SpawnAll();
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(idle);
        idle.StopAll();
        return new Sample(clock.Elapsed, after - before, allocated);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private readonly record struct Sample(TimeSpan Elapsed, long RetainedBytes, long AllocatedBytes);
}
