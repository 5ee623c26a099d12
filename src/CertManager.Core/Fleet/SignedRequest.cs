namespace CertManager.Core.Fleet;

/// <summary>A follower's request as the edge received it: the four fleet headers and what they sign.</summary>
public sealed record SignedRequest(
    string? FollowerId,
    string? Timestamp,
    string? Nonce,
    string? Signature,
    string Method,
    string PathAndQuery,
    byte[] Body);
