using System.Text.Json.Serialization;

namespace CertManager.Acme.Protocol;

/// <summary>
/// Source-generated System.Text.Json for every ACME message. ACME's member names are camelCase (RFC 8555 §7.1);
/// absent optional members are left out rather than sent as null.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(AcmeDirectory))]
[JsonSerializable(typeof(AcmeAccount))]
[JsonSerializable(typeof(AcmeOrder))]
[JsonSerializable(typeof(AcmeAuthorization))]
[JsonSerializable(typeof(AcmeChallenge))]
[JsonSerializable(typeof(AcmeProblemDocument))]
[JsonSerializable(typeof(AcmeRenewalInfo))]
[JsonSerializable(typeof(JwsMessage))]
[JsonSerializable(typeof(JwsHeader))]
[JsonSerializable(typeof(Jwk))]
[JsonSerializable(typeof(NewAccountPayload))]
[JsonSerializable(typeof(KeyChangePayload))]
[JsonSerializable(typeof(StatusPayload))]
[JsonSerializable(typeof(NewOrderPayload))]
[JsonSerializable(typeof(FinalizePayload))]
[JsonSerializable(typeof(EmptyPayload))]
internal sealed partial class AcmeJsonContext : JsonSerializerContext;
