using MachActors.Hardware.Cpu;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.Kern.SchedulerHarness;

namespace MachActors.Tests.Unit.Kernel.Kern;

public sealed class ProcessorSetSchedulerHandoffTests
{
    [Fact]
    public void Blocked_HintNamesAQueuedThread_RunsItNextWhateverItsPriority()
    {
        var h = new SchedulerHarness(cpus: 1);
        var client = h.Adopt(1, 12);
        h.Adopt(2, 8);   // better priority: would be chosen without the hint
        h.Adopt(3, 20);  // the server
        h.Take();
        var channel = new WaitChannel(new FakeRef("reply-port"), "receive reply");

        h.Surrender(client, new SurrenderReason.Blocked(channel, HandoffThreadId: 3));

        Assert.Equal([new Ran(0, 3)], h.Take());
        Assert.True(h.Dispatches.Last().Handoff);
        Assert.True(client.Waiting);
    }

    [Fact]
    public void Blocked_HintNotQueued_NormalChoice()
    {
        var h = new SchedulerHarness(cpus: 1);
        var client = h.Adopt(1, 12);
        h.Adopt(2, 12);
        h.Take();

        h.Surrender(client, new SurrenderReason.Blocked(new WaitChannel(new FakeRef("p"), "w"), HandoffThreadId: 99));

        Assert.Equal([new Ran(0, 2)], h.Take());
        Assert.False(h.Dispatches.Last().Handoff);
    }

    [Fact]
    public void Blocked_HintBoundToAnotherCpu_IsIgnored()
    {
        var h = new SchedulerHarness(cpus: 2);
        var client = h.Adopt(1, 12);
        var other = h.Adopt(2, 12);
        var server = h.Adopt(3, 20);
        h.Take();
        Assert.Equal(KernReturn.Success, h.Scheduler.Bind(3, client.Cpu == 0 ? 1 : 0));
        h.Take();

        h.Surrender(client, new SurrenderReason.Blocked(new WaitChannel(new FakeRef("p"), "w"), HandoffThreadId: 3));

        Assert.DoesNotContain(h.Dispatches, d => d.Handoff);
        Assert.NotNull(server.Queue);
        Assert.NotNull(other.Cpu);
    }
}
