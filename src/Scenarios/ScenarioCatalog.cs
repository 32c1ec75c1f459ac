using MachActors.Exploration;
using MachActors.Scenarios.Ipc;
using MachActors.Scenarios.Unix;
using MachActors.Scenarios.Vm;

namespace MachActors.Scenarios;

/// <summary>The built-in scenarios, by name (<c>machactors explore --list</c>).</summary>
public static class ScenarioCatalog
{
    /// <summary>Every built-in scenario, in the order listed.</summary>
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new SharedPageScenario(),
        new PagerStampsScenario(),
        new PageoutRefaultScenario(),
        new ForkPageoutScenario(),
        new TerminateRaceScenario(),
        new LockRaceScenario(),
        new PagerDeathScenario(),
        new SharedObjectScenario(),
        new PageCrowdScenario(),
        new DsmCounterScenario(),
        new PortDestroyedScenario(),
        new ReceiveRightMovedScenario(),
        new SendOnceReceiverDiesScenario(),
        new ClockRaceScenario(),
        new MmapCoherenceScenario(),
        new PipeWaitScenario(),
        new SettleBacklogScenario(),
    ];

    /// <summary>The scenario named <paramref name="name"/>, or null.</summary>
    public static Scenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
