using System.CommandLine;
using MachActors.Actors.Timing;
using MachActors.Pagers;

namespace MachActors.Host.Commands;

/// <summary>The options <c>run</c>, <c>demo</c> and <c>explore</c> share: the same names, parsers and help everywhere.</summary>
internal static class SharedOptions
{
    /// <summary>--seed: the scheduling strategy's seed, a whole number (default 0).</summary>
    public static Option<ulong> Seed() => new("--seed")
    {
        Description = "Seed of the scheduling strategy: the same seed gives the same run, bit for bit (controlled dispatcher).",
        CustomParser = ValueParsers.Seed,
        DefaultValueFactory = _ => 0,
    };

    /// <summary>--parallel: the thread-pool dispatcher instead of the controlled one.</summary>
    public static Option<bool> Parallel() => new("--parallel")
    {
        Description = "Run on the parallel dispatcher (thread pool) instead of the controlled one; fast, not reproducible.",
    };

    /// <summary>--trace: print every runtime trace event after the report.</summary>
    public static Option<bool> Trace() => new("--trace")
    {
        Description = "Also print every runtime trace event (send, deliver, spawn, stop, timer, choice, ...).",
    };

    /// <summary>--pager PATH.dll:Namespace.Type or a built-in pager's name: a pager written on the pager SDK (docs/PAGERS.md); checked by the command, which names the file and type when it does not load.</summary>
    public static Option<string?> Pager(string description) => new("--pager")
    {
        Description = description + " The value is PATH.dll:Namespace.Type: an assembly and a public class derived from MachActors.Pagers.Sdk.Pager "
                      + "with a public (int pageSize) or parameterless constructor; or a built-in pager: " + BuiltInPagers.Names + ".",
        HelpName = "PATH.dll:Type|NAME",
    };

    /// <summary>A span of virtual time named <paramref name="name"/>, e.g. 100ms, defaulting to <paramref name="defaultValue"/>.</summary>
    public static Option<Duration> VirtualTime(string name, string description, Duration defaultValue) => new(name)
    {
        Description = description + " With a unit: ns, us, ms or s.",
        CustomParser = ValueParsers.Duration,
        DefaultValueFactory = _ => defaultValue,
    };
}
