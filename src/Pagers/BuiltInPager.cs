using MachActors.Actors;

namespace MachActors.Pagers;

/// <summary>
/// A pager built into MachActors that <c>--pager NAME</c> selects (<see cref="BuiltInPagers"/>).
/// </summary>
/// <param name="Name">The name on the command line.</param>
/// <param name="Type">The pager class.</param>
/// <param name="Description">One line for listings.</param>
/// <param name="Create">Makes an instance for a kernel with pages of the given size (the plugin convention's <c>(int pageSize)</c>).</param>
/// <param name="StatsQuery">The message the pager answers with its stats (whose <c>ToString</c> is one line for a report), or null.</param>
public sealed record BuiltInPager(string Name, Type Type, string Description, Func<int, Actor> Create, object? StatsQuery);
