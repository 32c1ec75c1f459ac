using System.Collections.Concurrent;
using MachActors.Actors.Timing;

namespace MachActors.Actors.TestKit;

/// <summary>
/// An inspectable actor for tests (Akka.TestKit's TestProbe, in virtual time). Every Expect method
/// runs the actor system until the expected message arrives or the virtual deadline passes, so a
/// test never sleeps and never depends on the wall clock. Use from the test's thread only.
/// </summary>
public sealed class TestProbe
{
    private readonly ConcurrentQueue<ReceivedMessage> _queue = new();
    private VirtualTime? _withinDeadline;

    internal TestProbe(ActorSystem system, string name)
    {
        System = system;
        Ref = system.SpawnSystemActor(Props.Create(() => new ProbeActor(this)), name);
    }

    /// <summary>The system the probe lives in.</summary>
    public ActorSystem System { get; }

    /// <summary>The probe's ref: give it to actors under test as a sender or collaborator.</summary>
    public IActorRef Ref { get; }

    /// <summary>Default wait of the Expect methods, in virtual time (3 s, as Akka.TestKit).</summary>
    public Duration DefaultTimeout { get; set; } = Duration.FromSeconds(3);

    /// <summary>The last message taken from the queue, or null.</summary>
    public ReceivedMessage? LastMessage { get; private set; }

    /// <summary>The sender of <see cref="LastMessage"/>, or null.</summary>
    public IActorRef? LastSender => LastMessage?.Sender;

    /// <summary>Messages received but not yet taken by an Expect or Receive method.</summary>
    public int PendingCount => _queue.Count;

    internal void Enqueue(ReceivedMessage message)
    {
        _queue.Enqueue(message);
        System.Dispatcher.Wake();
    }

    /// <summary>Tells <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, Ref);
    }

    /// <summary>Replies to the sender of the last message.</summary>
    /// <exception cref="TestKitAssertionException">No message was taken yet.</exception>
    public void Reply(object message) =>
        (LastSender ?? throw Fail("Reply: no message has been received yet")).Tell(message, Ref);

    /// <summary>Passes the last message on to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var last = LastMessage ?? throw Fail("Forward: no message has been received yet");
        target.Tell(last.Message, last.Sender);
    }

    /// <summary>Watches <paramref name="target"/>: its <see cref="Terminated"/> will arrive at the probe.</summary>
    public void Watch(IActorRef target) => Ref.Tell(new ProbeWatch(target), null);

    /// <summary>Stops watching <paramref name="target"/>.</summary>
    public void Unwatch(IActorRef target) => Ref.Tell(new ProbeUnwatch(target), null);

    /// <summary>Runs the system until a message arrives (or the deadline passes) and returns it, or null on timeout.</summary>
    public ReceivedMessage? ReceiveOne(Duration? timeout = null) => ReceiveBefore(Deadline(timeout));

    private ReceivedMessage? ReceiveBefore(VirtualTime deadline)
    {
        if (!_queue.TryDequeue(out var message))
        {
            if (deadline < System.Now) return null;
            System.Dispatcher.Run(() => !_queue.IsEmpty, deadline, System.Options.MaxStepsPerRun);
            if (!_queue.TryDequeue(out message)) return null;
        }
        LastMessage = message;
        return message;
    }

    /// <summary>Expects a message of type <typeparamref name="T"/> (and returns it).</summary>
    /// <exception cref="TestKitAssertionException">Timeout, or a message of another type arrived first.</exception>
    public T ExpectMsg<T>(Duration? timeout = null, string? hint = null) => ExpectMsg<T>(null, timeout, hint);

    /// <summary>Expects a message of type <typeparamref name="T"/> satisfying <paramref name="predicate"/>.</summary>
    /// <exception cref="TestKitAssertionException">Timeout, another type, or the predicate is false.</exception>
    public T ExpectMsg<T>(Func<T, bool>? predicate, Duration? timeout = null, string? hint = null)
    {
        var wait = Wait(timeout); // before running: inside Within, Remaining is 0 once the deadline has passed
        var received = ReceiveOne(timeout)
                       ?? throw Fail($"timeout ({wait}) while waiting for a message of type {typeof(T).Name}{Hint(hint)}");
        if (received.Message is not T typed)
        {
            throw Fail($"expected a message of type {typeof(T).Name}{Hint(hint)} but got {Show(received)}");
        }
        if (predicate is not null && !predicate(typed)) throw Fail($"message {Show(received)} does not satisfy the predicate{Hint(hint)}");
        return typed;
    }

    /// <summary>Expects a message equal to <paramref name="expected"/> (value equality; records compare by members).</summary>
    /// <exception cref="TestKitAssertionException">Timeout, or a different message arrived first.</exception>
    public T ExpectMsg<T>(T expected, Duration? timeout = null, string? hint = null) where T : notnull
    {
        var wait = Wait(timeout);
        var received = ReceiveOne(timeout) ?? throw Fail($"timeout ({wait}) while waiting for {expected}{Hint(hint)}");
        if (!Equals(received.Message, expected)) throw Fail($"expected {expected}{Hint(hint)} but got {Show(received)}");
        return (T)received.Message;
    }

    /// <summary>Expects messages equal to <paramref name="expected"/> in any order, and no other message among them.</summary>
    public IReadOnlyList<object> ExpectMsgAllOf(IEnumerable<object> expected, Duration? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var missing = expected.ToList();
        var got = new List<object>();
        var deadline = Deadline(timeout);
        while (missing.Count > 0)
        {
            var received = ReceiveBefore(deadline)
                           ?? throw Fail($"timeout while waiting for [{string.Join(", ", missing)}]; got [{string.Join(", ", got)}]");
            var index = missing.FindIndex(m => Equals(m, received.Message));
            if (index < 0) throw Fail($"unexpected {Show(received)} while waiting for [{string.Join(", ", missing)}]");
            missing.RemoveAt(index);
            got.Add(received.Message);
        }
        return got;
    }

    /// <summary>Receives <paramref name="count"/> messages within the timeout.</summary>
    /// <exception cref="TestKitAssertionException">Fewer arrived.</exception>
    public IReadOnlyList<object> ReceiveN(int count, Duration? timeout = null)
    {
        var deadline = Deadline(timeout);
        var list = new List<object>(count);
        while (list.Count < count)
        {
            var received = ReceiveBefore(deadline) ?? throw Fail($"timeout: received {list.Count} of {count} messages");
            list.Add(received.Message);
        }
        return list;
    }

    /// <summary>Expects that no message arrives within <paramref name="duration"/> of virtual time (default 3 s); the clock advances by it.</summary>
    /// <exception cref="TestKitAssertionException">A message arrived (or was already waiting).</exception>
    public void ExpectNoMsg(Duration? duration = null)
    {
        var wait = Wait(duration);
        var received = ReceiveOne(duration);
        if (received is not null) throw Fail($"expected no message within {wait} but got {Show(received)}");
    }

    /// <summary>Skips messages until one satisfies <paramref name="isTheOne"/>, and returns it.</summary>
    /// <exception cref="TestKitAssertionException">No such message before the deadline.</exception>
    public object FishForMessage(Func<object, bool> isTheOne, Duration? timeout = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(isTheOne);
        var deadline = Deadline(timeout);
        var skipped = new List<object>();
        while (true)
        {
            var received = ReceiveBefore(deadline)
                           ?? throw Fail($"timeout while fishing for a message{Hint(hint)}; skipped [{string.Join(", ", skipped)}]");
            if (isTheOne(received.Message)) return received.Message;
            skipped.Add(received.Message);
        }
    }

    /// <summary>Typed <see cref="FishForMessage(Func{object, bool}, Duration?, string?)"/>: skips until a <typeparamref name="T"/> satisfies the predicate.</summary>
    public T FishForMessage<T>(Func<T, bool> isTheOne, Duration? timeout = null, string? hint = null) =>
        (T)FishForMessage(m => m is T t && isTheOne(t), timeout, hint);

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="target"/> (watch it first with <see cref="Watch"/>).</summary>
    public Terminated ExpectTerminated(IActorRef target, Duration? timeout = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target), timeout, $" (Terminated of {target})");

    /// <summary>
    /// Runs <paramref name="body"/> and checks that it took between <paramref name="min"/> and
    /// <paramref name="max"/> of virtual time. Expectations inside default to the time left before
    /// <paramref name="max"/>.
    /// </summary>
    /// <exception cref="TestKitAssertionException">It took less than min or more than max.</exception>
    public T Within<T>(Duration min, Duration max, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var start = System.Now;
        var outer = _withinDeadline;
        var deadline = start + max;
        _withinDeadline = outer is { } o && o < deadline ? o : deadline;
        try
        {
            var result = body();
            var took = System.Now - start;
            if (took < min) throw Fail($"block took {took} of virtual time, less than the minimum {min}");
            if (took > max) throw Fail($"block took {took} of virtual time, more than the maximum {max}");
            return result;
        }
        finally
        {
            _withinDeadline = outer;
        }
    }

    /// <summary>As <see cref="Within{T}(Duration, Duration, Func{T})"/> with no minimum.</summary>
    public void Within(Duration max, Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Within(Duration.Zero, max, () =>
        {
            body();
            return 0;
        });
    }

    /// <summary>The time left before the innermost Within's maximum (or the default timeout outside Within).</summary>
    public Duration Remaining => _withinDeadline is { } d ? d - System.Now : DefaultTimeout;

    private VirtualTime Deadline(Duration? timeout)
    {
        var deadline = System.Now + (timeout ?? DefaultTimeout);
        return _withinDeadline is { } w && w < deadline ? w : deadline;
    }

    private Duration Wait(Duration? timeout) => timeout ?? (_withinDeadline is not null ? Remaining : DefaultTimeout);

    private static string Hint(string? hint) => string.IsNullOrEmpty(hint) ? "" : " " + hint;

    private static string Show(ReceivedMessage m) => $"{m.Message.GetType().Name} {m.Message} from {m.Sender} at {m.At}";

    private TestKitAssertionException Fail(string what) => new($"{Ref.Path} at {System.Now}: {what}");
}
