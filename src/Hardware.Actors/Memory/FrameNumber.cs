using System.Globalization;

namespace MachActors.Hardware.Memory;

/// <summary>
/// The number of one physical page frame: 0 to <see cref="PhysicalMemory.FrameCount"/> - 1 on a
/// machine. A plain value; whether it names a frame of a given memory is that memory's question
/// (<see cref="PhysicalMemory.Contains"/>).
/// </summary>
/// <param name="Value">The frame's index.</param>
public readonly record struct FrameNumber(int Value) : IComparable<FrameNumber>
{
    /// <summary>Orders frames by their index.</summary>
    public int CompareTo(FrameNumber other) => Value.CompareTo(other.Value);

    /// <summary>"frame N".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"frame {Value}");
}
