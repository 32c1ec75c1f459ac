using BenchmarkDotNet.Running;
using MachActors.Bench.Footprint;

namespace MachActors.Bench;

/// <summary>
/// Entry point. <c>footprint [actors] [runs]</c> measures retained bytes and spawn time of idle
/// actors; anything else (or nothing) goes to BenchmarkDotNet's switcher, e.g. <c>--filter '*'</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "footprint") return FootprintRunner.Run(args[1..]);
        if (args.Length > 0 && args[0] == "footprint-kind") return FootprintRunner.RunKind(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
