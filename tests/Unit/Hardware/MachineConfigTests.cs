using MachActors.Hardware;

namespace MachActors.Tests.Unit.Hardware;

public sealed class MachineConfigTests
{
    [Fact]
    public void Defaults_NewConfig_DescribeATwoCpu25MHzMachineWithA10MsTick()
    {
        var config = new MachineConfig();

        Assert.Equal(2, config.CpuCount);
        Assert.Equal(25_000_000, config.ClockHz);
        Assert.Equal(250_000, config.CyclesPerTick);
        Assert.Equal(100, config.TrapCycles);
        Assert.Equal(4096, config.PageSize);
        Assert.Equal(1024, config.FrameCount);
        Assert.Empty(config.Validate());
    }

    [Fact]
    public void TickPeriod_Defaults_Is10Milliseconds()
    {
        var config = new MachineConfig();

        Assert.Equal(Duration.FromMilliseconds(10), config.TickPeriod);
        Assert.Equal(100.0, config.TicksPerSecond);
    }

    [Fact]
    public void TickPeriod_OtherRate_IsCyclesPerTickOverHz()
    {
        var config = new MachineConfig { ClockHz = 1_000_000, CyclesPerTick = 5_000 };

        Assert.Equal(Duration.FromMilliseconds(5), config.TickPeriod);
        Assert.Equal(200.0, config.TicksPerSecond);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 40)]
    [InlineData(25, 1_000)]
    [InlineData(25_000, 1_000_000)]
    public void CyclesToDuration_WholeNanoseconds_IsExact(long cycles, long nanoseconds) =>
        Assert.Equal(Duration.FromNanoseconds(nanoseconds), new MachineConfig().CyclesToDuration(cycles));

    [Theory]
    [InlineData(1, 334)] // 333.33 ns rounds up
    [InlineData(2, 667)] // 666.67 ns rounds up
    [InlineData(3, 1_000)]
    public void CyclesToDuration_FractionalNanoseconds_RoundsUp(long cycles, long nanoseconds) =>
        Assert.Equal(Duration.FromNanoseconds(nanoseconds), new MachineConfig { ClockHz = 3_000_000 }.CyclesToDuration(cycles));

    [Fact]
    public void CyclesToDuration_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MachineConfig().CyclesToDuration(-1));

    [Fact]
    public void CyclesToDuration_Huge_DoesNotOverflow()
    {
        var config = new MachineConfig { ClockHz = 1_000 };

        Assert.Equal(Duration.FromSeconds(1_000_000_000), config.CyclesToDuration(1_000_000_000_000));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5, 0)]
    [InlineData(39, 0)] // less than a cycle of 40 ns
    [InlineData(40, 1)]
    [InlineData(79, 1)] // rounds down: whole cycles only
    [InlineData(1_000_000, 25_000)]
    public void DurationToCycles_AnyDuration_CountsWholeCycles(long nanoseconds, long cycles) =>
        Assert.Equal(cycles, new MachineConfig().DurationToCycles(Duration.FromNanoseconds(nanoseconds)));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1_234_567)]
    public void DurationToCycles_OfCyclesToDuration_GivesTheCyclesBack(long cycles)
    {
        var config = new MachineConfig { ClockHz = 3_000_000 };

        Assert.Equal(cycles, config.DurationToCycles(config.CyclesToDuration(cycles)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65)]
    public void Validate_CpuCountOutOfRange_NamesTheCpuCount(int cpus)
    {
        var problem = Assert.Single(new MachineConfig { CpuCount = cpus }.Validate());

        Assert.Contains("CPU count", problem);
        Assert.Contains(cpus.ToString(System.Globalization.CultureInfo.InvariantCulture), problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(256)]
    [InlineData(1000)]
    [InlineData(4097)]
    public void Validate_BadPageSize_NamesThePageSize(int pageSize)
    {
        var problem = Assert.Single(new MachineConfig { PageSize = pageSize }.Validate());

        Assert.Contains("page size", problem);
    }

    [Theory]
    [InlineData(512)]
    [InlineData(8192)]
    [InlineData(65536)]
    public void Validate_PowerOfTwoPageSize_IsValid(int pageSize) =>
        Assert.Empty(new MachineConfig { PageSize = pageSize }.Validate());

    [Fact]
    public void Validate_TickShorterThan10Us_IsAProblem()
    {
        var problem = Assert.Single(new MachineConfig { CyclesPerTick = 100 }.Validate()); // 4 us

        Assert.Contains("shorter than 10 us", problem);
    }

    [Fact]
    public void Validate_EveryFieldBad_ListsEveryProblem()
    {
        var config = new MachineConfig { CpuCount = 0, ClockHz = 10, CyclesPerTick = 0, TrapCycles = -1, PageSize = 100, FrameCount = 0 };

        var problems = config.Validate();

        Assert.Equal(6, problems.Count);
        Assert.Contains(problems, p => p.Contains("CPU count", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("clock rate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("cycles per tick", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("trap cycles", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("page size", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("frame count", StringComparison.Ordinal));
    }

    [Fact]
    public void Validated_ValidConfig_ReturnsItself()
    {
        var config = new MachineConfig { CpuCount = 4 };

        Assert.Same(config, config.Validated());
    }

    [Fact]
    public void Validated_SeveralProblems_ThrowsArgumentExceptionNamingEachOfThem()
    {
        var config = new MachineConfig { CpuCount = 0, PageSize = 3000, FrameCount = -2 };

        var e = Assert.Throws<ArgumentException>(() => config.Validated());

        Assert.StartsWith("invalid machine configuration", e.Message);
        Assert.Contains("CPU count must be between 1 and 64, not 0", e.Message);
        Assert.Contains("page size must be a power of two of at least 512, not 3000", e.Message);
        Assert.Contains("frame count must be positive, not -2", e.Message);
    }
}
