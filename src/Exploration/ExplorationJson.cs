using System.Text.Json;
using System.Text.Json.Serialization;

namespace MachActors.Exploration;

/// <summary>The JSON form of schedule files and reports: indented, camelCase, enums by name.</summary>
internal static class ExplorationJson
{
    /// <summary>The serializer options both files use.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };
}
