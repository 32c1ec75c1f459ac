using MachActors.Scenarios.Vm;
using MachActors.Tests.Coyote.Harness;

namespace MachActors.Tests.Coyote.Scenarios;

/// <summary>
/// vm-shared-object: two tasks on two CPUs map one memory object and write disjoint and overlapping bytes,
/// then read each other's after a handshake. Budget: 150 iterations per strategy, run seed 1, 10,000
/// steps (an iteration takes about 250).
/// </summary>
public class VmSharedObjectTests
{
    private const int Iterations = 150;

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    public void Explore_CorrectKernel_EachTaskSeesTheOthersWritesInOneVmObject(string strategy) =>
        ScenarioChecks.Clean(new SharedObjectScenario(), strategy, Iterations);
}
