namespace CertManager.Core.Fleet;

/// <summary>A console that follows this edge: its public keys (registered at pairing) and what it last reported.</summary>
internal sealed class FollowerEntry
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>DER SubjectPublicKeyInfo of the follower's ECDSA P-256 key that signs its requests.</summary>
    public required byte[] SigningKey { get; set; }

    /// <summary>DER SubjectPublicKeyInfo of the follower's RSA key that bundles are encrypted to.</summary>
    public required byte[] EncryptionKey { get; set; }

    public DateTimeOffset Paired { get; set; }

    public required string PairedBy { get; set; }

    /// <summary>Install a bundle whose chain doctor finds only warnings (true), or hold it for the follower's administrator.</summary>
    public bool InstallWithWarnings { get; set; }

    public DateTimeOffset? Removed { get; set; }

    public string? RemovedBy { get; set; }

    public DateTimeOffset? LastContact { get; set; }

    public string? LastAddress { get; set; }

    /// <summary>SHA-256 fingerprint of the certificate last delivered, and when.</summary>
    public string? DeliveredFingerprint { get; set; }

    public DateTimeOffset? Delivered { get; set; }

    public string? InstalledFingerprint { get; set; }

    public string? PresentedFingerprint { get; set; }

    /// <summary>
    /// When the certificate the follower presents expires, and its subject, as its last report said (read from a TLS
    /// handshake with its own port). Null when nothing is presented or the report did not say (an older console). The
    /// expiry check prefers the edge's own record when the fingerprint is a version the edge installed.
    /// </summary>
    public DateTimeOffset? PresentedNotAfter { get; set; }

    public string? PresentedSubject { get; set; }

    public FollowerState State { get; set; }

    /// <summary>The follower's reported problems, one "code: message" per line.</summary>
    public string? Problems { get; set; }

    public DateTimeOffset? Reported { get; set; }

    /// <summary>
    /// How long the follower took to take the edge's current certificate: from its install on the edge to the first
    /// report of the follower presenting it on its own HTTPS port.
    /// </summary>
    public TimeSpan? LastTake { get; set; }
}
