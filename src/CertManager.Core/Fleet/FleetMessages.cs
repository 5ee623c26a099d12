using System.Text.Json.Serialization;

namespace CertManager.Core.Fleet;

/// <summary>
/// The JSON the edge signs (<see cref="FleetSignedMessage"/>). <see cref="Kind"/> keeps one kind of signed message from
/// being passed off as another.
/// </summary>
internal abstract record FleetSignedContent(string Kind);

/// <summary>
/// A bundle for one follower, answering one request: <see cref="Nonce"/> is that request's nonce, so an old bundle
/// replayed by someone between the two cannot roll the follower back.
/// </summary>
internal sealed record BundleManifest(
    long FollowerId,
    string Nonce,
    string Fingerprint,
    DateTimeOffset Issued,
    bool InstallWithWarnings,
    [property: JsonPropertyName("envelope")] byte[] Envelope) : FleetSignedContent(BundleManifest.KindName)
{
    public const string KindName = "certmanager-fleet-bundle";
}

/// <summary>The edge's answer to a registration: proof that it holds the identity key the pairing code pinned.</summary>
internal sealed record RegistrationProof(long FollowerId, string Challenge, string Mac) : FleetSignedContent(RegistrationProof.KindName)
{
    public const string KindName = "certmanager-fleet-registration";
}
