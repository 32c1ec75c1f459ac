using System.Globalization;
using System.Text;
using MachActors.Personalities.Rt.Analysis;
using MachActors.Personalities.Rt.Server;

namespace MachActors.Personalities.Rt;

/// <summary>
/// The executive's statistics as the host sees them (docs/RT.md, "Report"): the server publishes a
/// snapshot per task (releases, completions, misses, worst response) at each completion and when it
/// ends; <see cref="Format"/> prints it with the analysis of the set.
/// </summary>
public sealed class RtReport
{
    private volatile IReadOnlyList<RtTaskStats> _tasks = [];
    private volatile bool _finished;
    private volatile int _cpus = 1;

    /// <summary>The latest snapshot, by task id.</summary>
    public IReadOnlyList<RtTaskStats> Tasks => _tasks;

    /// <summary>The CPUs the executive placed its tasks on (the machine's).</summary>
    public int Cpus => _cpus;

    /// <summary>The server has ended (all tasks exited).</summary>
    public bool Finished => _finished;

    /// <summary>Deadline misses of every task.</summary>
    public int TotalMisses => Tasks.Sum(t => t.Misses);

    /// <summary>The server's publication.</summary>
    internal void Publish(IReadOnlyList<RtTaskStats> tasks, bool finished, int cpus)
    {
        _tasks = tasks;
        _cpus = cpus;
        if (finished) _finished = true;
    }

    /// <summary>
    /// A table: one line per task (its CPU, "-" before placement; "(faulted)" or "(killed at t=...)" after
    /// a task that did not end by itself), then the set's utilisation, the Liu-Layland bound, whether
    /// response-time analysis accepts it, and the misses. On several CPUs the analysis is per CPU, over the
    /// placement the tasks got (or, before every task is placed, the one the executive would make).
    /// </summary>
    public string Format()
    {
        var inv = CultureInfo.InvariantCulture;
        var tasks = Tasks;
        var specs = tasks.Select(t => t.Spec).ToList();
        var sb = new StringBuilder();
        sb.AppendLine("rt task          period  deadline  prio  cpu  cost      jobs  released  done  missed  worst response");
        foreach (var t in tasks)
        {
            var end = t.Faulted ? " (faulted)" : t.KilledAt is { } at ? $" (killed at {at})" : "";
            sb.AppendLine(string.Create(inv, $"{t.Spec.Name,-16} {t.Spec.Period,-7} {t.Spec.Deadline,-9} {t.Spec.Priority,-5} {t.Cpu?.ToString(inv) ?? "-",-4} {t.Spec.Cost,-9} {t.Spec.Jobs,-5} {t.Releases,-9} {t.Completions,-5} {t.Misses,-7} {t.WorstResponse}{end}"));
        }
        sb.AppendLine(AnalysisLine(tasks, specs));
        sb.AppendLine(string.Create(inv, $"deadline misses: {TotalMisses}{(Finished ? "" : " (still running)")}"));
        return sb.ToString();
    }

    /// <summary>The analysis: one CPU's line, and on several a second line with each CPU's utilisation and the partitioned verdict.</summary>
    private string AnalysisLine(IReadOnlyList<RtTaskStats> tasks, List<RtTaskSpec> specs)
    {
        var inv = CultureInfo.InvariantCulture;
        var u = RtAnalysis.Utilisation(specs);
        var bound = string.Create(inv, $"utilisation {u:F3}, Liu-Layland bound {RtAnalysis.LiuLaylandBound(specs.Count):F3}");
        var cpus = Cpus;
        if (cpus <= 1) return $"{bound}, response-time analysis: {Verdict(RtAnalysis.Schedulable(specs))}";
        IReadOnlyList<int> cpuOf = tasks.All(t => t.Cpu is { } c && c < cpus) ? [.. tasks.Select(t => t.Cpu!.Value)] : RtAnalysis.FirstFitDecreasing(specs, cpus);
        var loads = RtAnalysis.CpuUtilisations(specs, cpuOf, cpus).Select((l, cpu) => string.Create(inv, $"cpu{cpu} {l:F3}"));
        return $"{bound} (one CPU){Environment.NewLine}{cpus} CPUs, partitioned (first-fit decreasing): {string.Join(", ", loads)}; response-time analysis per CPU: {Verdict(RtAnalysis.Schedulable(specs, cpuOf))}";
    }

    private static string Verdict(bool schedulable) => schedulable ? "schedulable" : "may miss";
}
