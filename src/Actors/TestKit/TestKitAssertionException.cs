namespace MachActors.Actors.TestKit;

/// <summary>A TestKit expectation failed. Test frameworks (xunit included) report it as a test failure.</summary>
public sealed class TestKitAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TestKitAssertionException(string message) : base(message) { }
}
