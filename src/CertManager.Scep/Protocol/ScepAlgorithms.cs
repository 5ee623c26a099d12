namespace CertManager.Scep.Protocol;

/// <summary>The message digest for the signature and the cipher for the envelope of a request.</summary>
public sealed record ScepAlgorithms(string DigestName, string CipherName)
{
    internal string DigestOid { get; init; } = string.Empty;

    internal string CipherOid { get; init; } = string.Empty;

    /// <summary>
    /// Chooses from the CA's capabilities (RFC 8894 §3.5.2): SHA-512 when offered, else SHA-256; SHA-1 and MD5 are
    /// refused. AES-128-CBC when offered (RFC 8894 §3.5.2 "AES"), else triple DES; single DES is refused. Null when
    /// the CA offers nothing acceptable: sending a weaker request would be a silent downgrade.
    /// </summary>
    public static ScepAlgorithms? Choose(ScepCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        (string Name, string Oid)? digest = capabilities.Sha512 ? ("SHA-512", "2.16.840.1.101.3.4.2.3")
            : capabilities.Sha256 ? ("SHA-256", "2.16.840.1.101.3.4.2.1")
            : null;
        (string Name, string Oid)? cipher = capabilities.Aes ? ("AES-128-CBC", "2.16.840.1.101.3.4.1.2")
            : capabilities.TripleDes ? ("3DES-CBC", "1.2.840.113549.3.7")
            : null;
        return digest is { } d && cipher is { } c
            ? new ScepAlgorithms(d.Name, c.Name) { DigestOid = d.Oid, CipherOid = c.Oid }
            : null;
    }
}
