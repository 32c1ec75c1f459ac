using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Exploration.Monitors;

namespace MachActors.Exploration;

/// <summary>What a <see cref="Scenario"/> gets for one iteration, and what it tells the explorer.</summary>
public sealed class ScenarioContext
{
    private readonly List<SpecMonitor> _monitors = [];
    private readonly Action<SpecMonitor> _added;

    internal ScenarioContext(ActorSystem system, IReadOnlyDictionary<string, string> parameters, long iteration, Action<SpecMonitor> added)
    {
        _added = added;
        System = system;
        Parameters = parameters;
        Iteration = iteration;
    }

    /// <summary>The iteration's fresh actor system (controlled dispatcher, the iteration's strategy).</summary>
    public ActorSystem System { get; }

    /// <summary>Scenario parameters from the command line or the test (for example a pager type).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The iteration's index.</summary>
    public long Iteration { get; }

    /// <summary>The monitors added so far.</summary>
    public IReadOnlyList<SpecMonitor> Monitors => _monitors;

    /// <summary>The scenario reached its end: the run stops and the final checks run. Default: never (the run ends when nothing is left to happen).</summary>
    public Func<bool>? Done { get; set; }

    /// <summary>The final safety check after the run: a violation's text, or null. Default: none.</summary>
    public Func<string?>? Check { get; set; }

    /// <summary>
    /// Asked when nothing is left to deliver and no timer is pending before <see cref="Done"/>: a
    /// description of the work that now waits forever (a blocked thread, an unanswered fault), which
    /// makes the run a deadlock; null when the run simply ended. Also asked at <see cref="TimeLimit"/>:
    /// work still blocked then is a liveness bug (a machine's clock keeps ticking, so it is never
    /// quiescent). Default: none.
    /// </summary>
    public Func<string?>? Blocked { get; set; }

    /// <summary>How much virtual time the run may take; past it the iteration ends as bound-reached. Default: unlimited.</summary>
    public Duration? TimeLimit { get; set; }

    /// <summary>Adds a monitor for this iteration (a fresh one per iteration); it sees every event from now on.</summary>
    public T AddMonitor<T>(T monitor) where T : SpecMonitor
    {
        ArgumentNullException.ThrowIfNull(monitor);
        _monitors.Add(monitor);
        _added(monitor);
        return monitor;
    }
}
