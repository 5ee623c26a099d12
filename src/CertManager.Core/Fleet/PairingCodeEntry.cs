namespace CertManager.Core.Fleet;

/// <summary>
/// A pairing code the edge handed out: its public id finds the row, its secret (encrypted with the master key, as the
/// edge needs it to check the follower's registration MAC) is never stored in clear. Used once, then kept for audit.
/// </summary>
internal sealed class PairingCodeEntry
{
    public long Id { get; set; }

    public required string PublicId { get; set; }

    public required byte[] EncryptedSecret { get; set; }

    public DateTimeOffset Created { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset Expires { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public long? FollowerId { get; set; }
}
