namespace CertManager.Core.Enrollment;

/// <summary>
/// Where dns-01 answers are published by RFC 2136 dynamic update: one row. The TSIG secret (RFC 8945) is stored only
/// encrypted with the master key (purpose <see cref="AcmeDnsUpdateStore.SecretPurpose"/>).
/// </summary>
internal sealed class AcmeDnsUpdateEntry
{
    public long Id { get; set; }

    /// <summary>The primary server that accepts updates for the zone: an IP address or a host name.</summary>
    public required string Server { get; set; }

    public int Port { get; set; } = 53;

    public required string Zone { get; set; }

    public required string KeyName { get; set; }

    /// <summary>The TSIG algorithm as BIND names it, e.g. <c>hmac-sha256</c>.</summary>
    public required string Algorithm { get; set; }

    public required byte[] EncryptedSecret { get; set; }

    public DateTimeOffset Updated { get; set; }

    public required string UpdatedBy { get; set; }
}
