using System.Collections.Immutable;

namespace MachActors.Kernel.Kern;

/// <summary>What an exception delivery event asks of the thread object (<see cref="ExceptionDelivery"/>).</summary>
internal abstract record ExceptionStep
{
    /// <summary>Nothing more (a message was sent, or the event was stale).</summary>
    public sealed record None : ExceptionStep
    {
        /// <summary>The one instance.</summary>
        public static readonly None Instance = new();
    }

    /// <summary>Ask the task for a copy of its exception port, naming the request <paramref name="Token"/>.</summary>
    public sealed record AskTask(object Token) : ExceptionStep;

    /// <summary>Wake the thread with <paramref name="Result"/>; discard the reply port first when asked (thread_abort).</summary>
    public sealed record Resume(CallerReply Caller, WaitChannel Channel, KernReturn Result, bool DiscardReplyPort) : ExceptionStep;

    /// <summary>The thread ended while waiting: discard the reply port.</summary>
    public sealed record Forget : ExceptionStep;

    /// <summary>No exception server: report the exception (what was thrown, the handlers tried) and terminate the task.</summary>
    public sealed record GiveUp(MachException Exception, Exception? Thrown, ImmutableArray<ExceptionAttempt> Tried) : ExceptionStep;
}
