using MachActors.Kernel.Kern;

namespace MachActors.Tests.Unit.Kernel.Kern;

/// <summary><see cref="CallerReply"/>'s packed ids: each reads back what was given, null apart from 0, and the flag apart from both.</summary>
public sealed class CallerReplyTests
{
    private static readonly FakeRef Cpu = new("cpu", 1), Pset = new("pset", 2);

    [Theory]
    [InlineData(null, null)]
    [InlineData(0L, null)]
    [InlineData(null, 0L)]
    [InlineData(5L, 9L)]
    [InlineData(long.MinValue, long.MaxValue)]
    public void Constructor_AnyIds_ReadBackAsGiven(long? callId, long? thread)
    {
        var reply = new CallerReply(Cpu, callId, thread, Pset);

        Assert.Equal(callId, reply.CallId);
        Assert.Equal(thread, reply.CallerThread);
        Assert.Same(Cpu, reply.Target);
        Assert.Same(Pset, reply.CallerScheduler);
        Assert.Equal(callId is not null, reply.FromThread);
        Assert.False(reply.DeclinesHandoffOnSend);
    }

    [Fact]
    public void Equality_NullIdAndZeroId_Differ()
    {
        Assert.NotEqual(new CallerReply(Cpu, null, null, null), new CallerReply(Cpu, 0, null, null));
        Assert.NotEqual(new CallerReply(Cpu, null, null, null), new CallerReply(Cpu, null, 0, null));
        Assert.Equal(new CallerReply(Cpu, 3, 4, Pset), new CallerReply(Cpu, 3, 4, Pset));
    }

    [Fact]
    public void With_DeclinesHandoffOnSend_KeepsTheIdsAndCanBeCleared()
    {
        var reply = new CallerReply(Cpu, 3, 4, Pset) with { DeclinesHandoffOnSend = true };

        Assert.True(reply.DeclinesHandoffOnSend);
        Assert.Equal(3, reply.CallId);
        Assert.Equal(4, reply.CallerThread);
        Assert.NotEqual(new CallerReply(Cpu, 3, 4, Pset), reply);
        Assert.Equal(new CallerReply(Cpu, 3, 4, Pset), reply with { DeclinesHandoffOnSend = false });
        Assert.Null((reply with { CallId = null }).CallId);
        Assert.True((reply with { CallId = null }).DeclinesHandoffOnSend);
    }
}
