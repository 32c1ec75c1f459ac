using BenchmarkDotNet.Running;
using MachActors.Bench.Footprint;
using MachActors.Bench.Ipc;
using MachActors.Bench.Kernel;
using MachActors.Bench.Vm;

namespace MachActors.Bench;

/// <summary>
/// Entry point. <c>footprint [actors] [runs]</c> measures retained bytes and spawn time of idle
/// actors; <c>kernel-steps [runs]</c> prints runtime steps per context switch and per compute trap;
/// <c>ipc-steps [runs]</c> the same per null RPC and per one-way message; <c>vm-steps [runs]</c>
/// per page fault and per pageout;
/// anything else (or nothing) goes to BenchmarkDotNet's switcher, e.g. <c>--filter '*'</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "footprint") return FootprintRunner.Run(args[1..]);
        if (args.Length > 0 && args[0] == "footprint-kind") return FootprintRunner.RunKind(args[1..]);
        if (args.Length > 0 && args[0] == "kernel-steps") return KernelStepsReport.Run(args[1..]);
        if (args.Length > 0 && args[0] == "ipc-steps") return IpcStepsReport.Run(args[1..]);
        if (args.Length > 0 && args[0] == "vm-steps") return VmStepsReport.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
