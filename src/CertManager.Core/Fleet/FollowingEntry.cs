namespace CertManager.Core.Fleet;

/// <summary>
/// On a follower (one row): the edge it follows, the edge's pinned identity key, the id the edge gave it and its own
/// two keys, PKCS#8 encrypted with the master key.
/// </summary>
internal sealed class FollowingEntry
{
    public int Id { get; set; }

    public required string EdgeUrl { get; set; }

    /// <summary>DER SubjectPublicKeyInfo of the edge's identity key, pinned at pairing.</summary>
    public required byte[] EdgeIdentityKey { get; set; }

    public long FollowerId { get; set; }

    public required string Name { get; set; }

    public required byte[] EncryptedSigningKey { get; set; }

    public required byte[] EncryptedEncryptionKey { get; set; }

    public DateTimeOffset Paired { get; set; }

    public required string PairedBy { get; set; }

    public DateTimeOffset? LastContact { get; set; }

    /// <summary>What the last poll ended in, for <c>certman follow status</c> and the follower's page.</summary>
    public string? LastOutcome { get; set; }

    public string? InstalledFingerprint { get; set; }

    /// <summary>The last certificate the edge offered, installed or not (for the record; polls ask for anything other than what is presented).</summary>
    public string? SeenFingerprint { get; set; }
}
