using MachActors.Actors.Timing;

namespace MachActors.Actors.Supervision;

/// <summary>
/// Restart bookkeeping for one child: how many restarts happened in the current window. Owned by the
/// parent's cell; virtual time only.
/// </summary>
internal sealed class ChildRestartStats
{
    private int _count;
    private VirtualTime _windowStart;
    private bool _windowOpen;

    /// <summary>
    /// Whether one more restart is allowed under (<paramref name="maxRetries"/>, <paramref name="window"/>).
    /// Negative <paramref name="maxRetries"/> means unlimited. A restart outside the window starts a new window.
    /// </summary>
    public bool RequestRestartPermission(int maxRetries, Duration window, VirtualTime now)
    {
        if (maxRetries < 0) return true;
        if (maxRetries == 0) return false;
        if (window == Duration.Infinite)
        {
            _count++;
            return _count <= maxRetries;
        }
        if (!_windowOpen || now - _windowStart > window)
        {
            _windowOpen = true;
            _windowStart = now;
            _count = 1;
            return true;
        }
        _count++;
        return _count <= maxRetries;
    }
}
