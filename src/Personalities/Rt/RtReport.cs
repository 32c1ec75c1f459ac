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

    /// <summary>The latest snapshot, by task id.</summary>
    public IReadOnlyList<RtTaskStats> Tasks => _tasks;

    /// <summary>The server has ended (all tasks exited).</summary>
    public bool Finished => _finished;

    /// <summary>Deadline misses of every task.</summary>
    public int TotalMisses => Tasks.Sum(t => t.Misses);

    /// <summary>The server's publication.</summary>
    internal void Publish(IReadOnlyList<RtTaskStats> tasks, bool finished)
    {
        _tasks = tasks;
        if (finished) _finished = true;
    }

    /// <summary>A table: one line per task, then the set's utilisation, the Liu-Layland bound, whether response-time analysis accepts it, and the misses.</summary>
    public string Format()
    {
        var inv = CultureInfo.InvariantCulture;
        var tasks = Tasks;
        var specs = tasks.Select(t => t.Spec).ToList();
        var sb = new StringBuilder();
        sb.AppendLine("rt task          period  deadline  prio  cost      jobs  released  done  missed  worst response");
        foreach (var t in tasks)
        {
            sb.AppendLine(string.Create(inv, $"{t.Spec.Name,-16} {t.Spec.Period,-7} {t.Spec.Deadline,-9} {t.Spec.Priority,-5} {t.Spec.Cost,-9} {t.Spec.Jobs,-5} {t.Releases,-9} {t.Completions,-5} {t.Misses,-7} {t.WorstResponse}{(t.Faulted ? " (faulted)" : "")}"));
        }
        var u = RtAnalysis.Utilisation(specs);
        sb.AppendLine(string.Create(inv, $"utilisation {u:F3}, Liu-Layland bound {RtAnalysis.LiuLaylandBound(specs.Count):F3}, response-time analysis: {(RtAnalysis.Schedulable(specs) ? "schedulable" : "may miss")}"));
        sb.AppendLine(string.Create(inv, $"deadline misses: {TotalMisses}{(Finished ? "" : " (still running)")}"));
        return sb.ToString();
    }
}
