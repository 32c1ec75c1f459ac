using MachActors.Hardware;
using MachActors.Hardware.Device;

namespace MachActors.Tests.Unit.Hardware.Device;

public sealed class MachineConfigDeviceTests
{
    [Fact]
    public void Validate_Defaults_HaveNoDevices()
    {
        var config = new MachineConfig();

        Assert.Empty(config.Disks);
        Assert.Null(config.Console);
    }

    [Fact]
    public void Validate_DisksAndConsole_AreValid()
    {
        var config = new MachineConfig { Disks = [new DiskConfig(), new DiskConfig { Name = "disk1" }], Console = new ConsoleConfig() };

        Assert.Empty(config.Validate());
    }

    [Fact]
    public void Validate_DuplicateNames_AreAProblem()
    {
        var config = new MachineConfig { Disks = [new DiskConfig { Name = "console" }], Console = new ConsoleConfig() };

        Assert.Contains(config.Validate(), p => p.Contains("'console' is used twice", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("$x")]
    [InlineData("host")]
    [InlineData("cpu0")]
    [InlineData("clock")]
    public void Validate_BadOrTakenName_IsAProblem(string name)
    {
        var config = new MachineConfig { Disks = [new DiskConfig { Name = name }] };

        Assert.Single(config.Validate());
    }

    [Fact]
    public void Validate_BadGeometryAndByteTime_AreNamedByDevice()
    {
        var config = new MachineConfig
        {
            Disks = [new DiskConfig { Geometry = new DiskGeometry { BlockCount = 0 } }],
            Console = new ConsoleConfig { ByteTime = Duration.FromNanoseconds(-1) },
        };

        var problems = config.Validate();

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("disk disk0: block count", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("console console: byte time", problems[1], StringComparison.Ordinal);
    }
}
