namespace CertManager.Core.Export;

/// <summary>What a download of the presented certificate holds. Names are stable: the CLI and the audit events use them.</summary>
public enum ExportFormat
{
    /// <summary>A ZIP of PEM files: certificate, intermediates, full chain, the unencrypted private key and a description.</summary>
    Zip,

    /// <summary>One PKCS#12/PFX file (RFC 7292) holding the certificate, its key and the intermediates, under a password.</summary>
    Pfx,

    /// <summary>A ZIP of PEM files without the private key: certificate, intermediates, full chain and a description.</summary>
    PublicPem,
}
