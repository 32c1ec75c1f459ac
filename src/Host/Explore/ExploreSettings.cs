using MachActors.Exploration;
using MachActors.Exploration.Strategies;

namespace MachActors.Host.Explore;

/// <summary>What <c>machactors explore</c> was asked to do.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Strategy">The strategy and its parameters.</param>
/// <param name="Options">Budget, bounds, seed, shard, output directory.</param>
/// <param name="ReportFile">Where the JSON report goes, or null.</param>
/// <param name="Pager">A pager plugin (<c>PATH.dll:Namespace.Type</c>) serving the scenario's memory object, or null.</param>
internal sealed record ExploreSettings(string Scenario, StrategyOptions Strategy, ExplorationOptions Options, string? ReportFile, string? Pager = null);
