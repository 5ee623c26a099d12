using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertManager.Core.Fleet;

/// <summary>The fleet's JSON, on the wire and inside signed messages: web defaults (camelCase), states as names, keys as base64.</summary>
public static class FleetJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
