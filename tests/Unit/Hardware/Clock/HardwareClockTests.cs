using MachActors.Actors.Tracing;
using MachActors.Hardware;
using MachActors.Hardware.Clock;

namespace MachActors.Tests.Unit.Hardware.Clock;

public sealed class HardwareClockTests : global::MachActors.Actors.TestKit.TestKit
{
    private readonly InMemoryTraceSink _trace;

    public HardwareClockTests() : this(new InMemoryTraceSink()) { }

    private HardwareClockTests(InMemoryTraceSink trace) : base(new ActorSystemOptions { Seed = 1, Trace = trace }) => _trace = trace;

    private static readonly MachineConfig Config = new() { ClockHz = 1_000_000, CyclesPerTick = 2_000 }; // 2 ms ticks

    private (IActorRef Clock, TestProbe[] Cpus) SpawnClock(int cpus)
    {
        var probes = Enumerable.Range(0, cpus).Select(i => CreateTestProbe("cpu" + i)).ToArray();
        var refs = probes.Select(p => p.Ref).ToList();
        var clock = Sys.Spawn(Props.Create(() => new HardwareClock(Config, refs)), "clock");
        return (clock, probes);
    }

    [Fact]
    public void Tick_EveryTickPeriod_InterruptsEveryCpuWithTickNumbersFrom1()
    {
        var (_, cpus) = SpawnClock(3);

        for (long tick = 1; tick <= 4; tick++)
        {
            foreach (var cpu in cpus)
            {
                Assert.Equal(new ClockInterrupt(tick), cpu.ExpectMsg<ClockInterrupt>());
                Assert.Equal(VirtualTime.Zero + Config.TickPeriod * tick, cpu.LastMessage!.At);
            }
        }
    }

    [Fact]
    public void Tick_BeforeTheFirstPeriod_NothingIsSent()
    {
        var (_, cpus) = SpawnClock(2);

        Sys.RunFor(Config.TickPeriod - Duration.FromNanoseconds(1));

        Assert.All(cpus, c => Assert.Equal(0, c.PendingCount));
    }

    [Fact]
    public void Tick_EachTick_SendsToTheCpusInCpuOrder()
    {
        var (clock, cpus) = SpawnClock(4);

        Sys.RunFor(Config.TickPeriod * 3);

        var targets = _trace.OfKind(TraceKind.Send)
            .Where(e => e.Actor == clock.Id.Value && e.Message is ClockInterrupt)
            .Select(e => (((ClockInterrupt)e.Message!).Tick, (int)e.Other))
            .ToList();
        var expected = Enumerable.Range(1, 3)
            .SelectMany(tick => cpus.Select(c => ((long)tick, c.Ref.Id.Value)))
            .ToList();
        Assert.Equal(expected, targets);
    }

    [Fact]
    public void Tick_Stopped_NoMoreInterrupts()
    {
        var (clock, cpus) = SpawnClock(1);
        cpus[0].ExpectMsg<ClockInterrupt>();

        Sys.Stop(clock);

        cpus[0].ExpectNoMsg(Config.TickPeriod * 5);
    }
}
