namespace CertManager.Core.Fleet;

/// <summary>
/// A request nonce a follower used, kept until its timestamp leaves the accepted window, so a replayed request is
/// refused even after the edge restarted.
/// </summary>
internal sealed class FleetNonceEntry
{
    public long Id { get; set; }

    public long FollowerId { get; set; }

    public required string Nonce { get; set; }

    public DateTimeOffset Expires { get; set; }
}
