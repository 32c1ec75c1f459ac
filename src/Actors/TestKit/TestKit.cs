using System.Globalization;
using MachActors.Actors.Timing;

namespace MachActors.Actors.TestKit;

/// <summary>
/// Base class for actor tests (Akka.TestKit's TestKit, in virtual time): owns a fresh
/// <see cref="ActorSystem"/> per test (xunit makes a new instance per test), a default probe
/// <see cref="TestActor"/>, and the probe's expectations as its own methods. Defaults to the
/// controlled dispatcher with seed 1, so every test run is the same run.
/// </summary>
public abstract class TestKit : IDisposable
{
    private int _probes;

    /// <summary>Creates the system with <paramref name="options"/> (default: controlled, seed 1).</summary>
    protected TestKit(ActorSystemOptions? options = null, string name = "test")
    {
        Sys = ActorSystem.Create(name, options ?? new ActorSystemOptions { Seed = 1 });
        Probe = new TestProbe(Sys, "testActor");
    }

    /// <summary>The system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The default probe.</summary>
    public TestProbe Probe { get; }

    /// <summary>The default probe's ref.</summary>
    public IActorRef TestActor => Probe.Ref;

    /// <summary>The current virtual time.</summary>
    public VirtualTime Now => Sys.Now;

    /// <summary>A new probe named "testProbe-N".</summary>
    public TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, name ?? "testProbe-" + (++_probes).ToString(CultureInfo.InvariantCulture));

    /// <summary>Spawns a top-level actor.</summary>
    public IActorRef Spawn(Props props, string? name = null) => Sys.Spawn(props, name);

    /// <summary>The default probe's <see cref="TestProbe.ExpectMsg{T}(Duration?, string?)"/>.</summary>
    public T ExpectMsg<T>(Duration? timeout = null, string? hint = null) => Probe.ExpectMsg<T>(timeout, hint);

    /// <summary>The default probe's <see cref="TestProbe.ExpectMsg{T}(Func{T, bool}?, Duration?, string?)"/>.</summary>
    public T ExpectMsg<T>(Func<T, bool> predicate, Duration? timeout = null, string? hint = null) =>
        Probe.ExpectMsg(predicate, timeout, hint);

    /// <summary>The default probe's <see cref="TestProbe.ExpectMsg{T}(T, Duration?, string?)"/>.</summary>
    public T ExpectMsg<T>(T expected, Duration? timeout = null, string? hint = null) where T : notnull =>
        Probe.ExpectMsg(expected, timeout, hint);

    /// <summary>The default probe's <see cref="TestProbe.ExpectNoMsg"/>.</summary>
    public void ExpectNoMsg(Duration? duration = null) => Probe.ExpectNoMsg(duration);

    /// <summary>The default probe's <see cref="TestProbe.FishForMessage(Func{object, bool}, Duration?, string?)"/>.</summary>
    public object FishForMessage(Func<object, bool> isTheOne, Duration? timeout = null, string? hint = null) =>
        Probe.FishForMessage(isTheOne, timeout, hint);

    /// <summary>Watches <paramref name="target"/> with the default probe.</summary>
    public void Watch(IActorRef target) => Probe.Watch(target);

    /// <summary>The default probe's <see cref="TestProbe.ExpectTerminated"/>.</summary>
    public Terminated ExpectTerminated(IActorRef target, Duration? timeout = null) => Probe.ExpectTerminated(target, timeout);

    /// <summary>The default probe's <see cref="TestProbe.Within(Duration, Action)"/>.</summary>
    public void Within(Duration max, Action body) => Probe.Within(max, body);

    /// <summary>Terminates the system.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the system; override to release more.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Sys.Dispose();
    }
}
