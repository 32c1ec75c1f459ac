using MachActors.Pagers.Dsm;

namespace MachActors.Tests.Coyote.SeededPagers;

/// <summary>The <see cref="HastyDsmPager"/>'s directory: revocations are sent, and the request is answered at once (the bug).</summary>
public sealed class HastyDsmDirectory(int pageSize) : DsmDirectory(pageSize)
{
    /// <summary>Never waits for lock_completed.</summary>
    protected override bool WaitsForRevocations => false;
}
