using MachActors.Actors;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Tests.Unit.Actors;

namespace MachActors.Tests.Unit.Kernel.Ipc;

/// <summary><see cref="IpcSpace.ApplyEffects"/>: the host's way to carry out a space's effects without copying them.</summary>
public sealed class IpcSpaceEffectsTests : ActorTestBase
{
    /// <summary>
    /// A space hosted by an actor applies its queued effects in the order <see cref="IpcSpace.TakeEffects"/>
    /// would have returned them (a twin space doing the same calls), forgets them (a second apply sends
    /// nothing), and keeps working after the list swap (effects queued afterwards go out at the next apply).
    /// </summary>
    [Fact]
    public void ApplyEffects_QueuedTells_SentInOrderOnceAndLaterOnesAtTheNextApply()
    {
        var probe = CreateTestProbe("port");
        var port = new PortRef(1, probe.Ref);
        var host = SpawnLambda((self, message) =>
        {
            var twin = new IpcSpace(self.Self);
            var space = new IpcSpace(self.Self);
            foreach (var s in new[] { twin, space })
            {
                s.Allocate(PortRight.Receive, port, out var name);
                s.InsertRight(name, CarriedRight.Send(port));
                s.ModRefs(name, PortRight.Send, -1);
                s.CopyinRight(name, MsgType.MakeSend, out _);
                s.CopyinRight(name, MsgType.MakeSendOnce, out _);
            }
            var expected = twin.TakeEffects();
            space.ApplyEffects(self.Context);
            space.ApplyEffects(self.Context); // nothing left: sends nothing
            space.Destroy(space.NameOf(port));
            space.ApplyEffects(self.Context);
            space.ApplyEffects(self.Context); // nothing left in either list
            self.Sender.Tell(expected, self.Self);
        });

        host.Tell("go", TestActor);

        var sent = ExpectMsg<IReadOnlyList<IpcEffect>>().OfType<IpcEffect.Tell>().Select(t => t.Message).ToList();
        Assert.True(sent.Count >= 2, $"the calls queue several tells to the port ({sent.Count})");
        foreach (var m in sent) Assert.Equal(m, probe.ExpectMsg<object>());
        Assert.IsType<PortDestroyReceive>(probe.ExpectMsg<object>()); // queued after the swap, sent by the third apply
        probe.ExpectNoMsg();
    }
}
