using MachActors.Kernel.Vm;
using MachActors.Pagers.Sdk;

namespace MachActors.Tests.Unit.Pagers.Sdk;

// Pagers loaded through the plugin loader from this test assembly (PagerPluginTests): public, so the
// loader finds them in the assembly's exported types.

/// <summary>Answers every data_request with zeros (data_unavailable); made with the parameterless constructor.</summary>
public sealed class ParameterlessPager() : Pager(4096)
{
    /// <inheritdoc />
    protected override void OnDataRequest(DataRequest request) => Unavailable(request.Control, request.Offset, request.Length);

    /// <inheritdoc />
    protected override void OnDataReturn(DataReturn returned)
    {
    }
}

/// <summary>Throws in its constructor (a pager bug before its first message).</summary>
public sealed class ThrowingConstructorPager : Pager
{
    /// <summary>Always throws.</summary>
    public ThrowingConstructorPager(int pageSize) : base(pageSize) => throw new InvalidOperationException("constructor bug");

    /// <inheritdoc />
    protected override void OnDataRequest(DataRequest request)
    {
    }

    /// <inheritdoc />
    protected override void OnDataReturn(DataReturn returned)
    {
    }
}

/// <summary>Says ready, then throws in its data_request handler (a pager bug with a fault waiting).</summary>
public sealed class ThrowingRequestPager(int pageSize) : Pager(pageSize)
{
    /// <inheritdoc />
    protected override void OnDataRequest(DataRequest request) => throw new InvalidOperationException("data_request bug");

    /// <inheritdoc />
    protected override void OnDataReturn(DataReturn returned)
    {
    }
}

/// <summary>A pager whose only constructor takes something the loader cannot give.</summary>
public sealed class NamedPager(string name) : Pager(4096)
{
    /// <summary>The name given.</summary>
    public string Name => name;

    /// <inheritdoc />
    protected override void OnDataRequest(DataRequest request)
    {
    }

    /// <inheritdoc />
    protected override void OnDataReturn(DataReturn returned)
    {
    }
}

/// <summary>Abstract: not a pager the loader can make.</summary>
public abstract class AbstractPager(int pageSize) : Pager(pageSize);
