using MachActors.Actors;
using MachActors.Actors.Dispatch;

namespace MachActors.Bench;

/// <summary>Cheap sanity checks inside benchmarks, so a broken run fails loudly instead of reporting a fast time.</summary>
public static class Expect
{
    /// <summary>
    /// Throws unless the run reached quiescence with exactly <paramref name="steps"/> deliveries made
    /// since <see cref="ActorSystem.TotalSteps"/> read <paramref name="stepsBefore"/>. (Under the
    /// parallel dispatcher work starts at the Tell or Spawn, before Run is called, so the run's own
    /// step count is not the whole story.)
    /// </summary>
    public static void Quiescent(ActorSystem system, RunResult result, long stepsBefore, long steps)
    {
        var done = system.TotalSteps - stepsBefore;
        if (result.Outcome != RunOutcome.Quiescent || done != steps)
        {
            throw new InvalidOperationException($"expected a quiescent run of {steps} steps, got {done} steps and {result}");
        }
    }
}
