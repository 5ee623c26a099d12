using System.Text.Json.Serialization;

namespace CertManager.Acme.Protocol;

/// <summary>A JWS in flattened JSON serialization (RFC 7515 §7.2.2), the body of every ACME POST (RFC 8555 §6.2).</summary>
internal sealed record JwsMessage(
    [property: JsonPropertyName("protected")] string Protected,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("signature")] string Signature);
