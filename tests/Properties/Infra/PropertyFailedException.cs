using FsCheck;
using Xunit.Sdk;

namespace MachActors.Tests.Properties.Infra;

/// <summary>
/// An FsCheck property was falsified. xunit shows <see cref="Exception.Message"/>: the original and
/// the shrunk counterexample and the replay seed. An exception thrown by the property body is kept
/// as the inner exception.
/// </summary>
public sealed class PropertyFailedException(string message, TestResult.Failed result, Exception? inner)
    : XunitException(message, inner)
{
    /// <summary>FsCheck's raw result.</summary>
    public TestResult.Failed Result { get; } = result;

    /// <summary>The first counterexample found, before shrinking.</summary>
    public object[] Original => [.. Result.Item2];

    /// <summary>The counterexample after shrinking (equal to <see cref="Original"/> when nothing shrank).</summary>
    public object[] Shrunk => [.. Result.Item3];

    /// <summary>"seed,gamma" of the run: FSCHECK_REPLAY with it reruns the whole property identically.</summary>
    public string Replay => PropCheck.ReplayOf(Result);
}
