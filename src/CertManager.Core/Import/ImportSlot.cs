namespace CertManager.Core.Import;

/// <summary>Which input of the upload form a file or pasted text came from, as on the classic tab.</summary>
public enum ImportSlot
{
    /// <summary>"SSL Certificate": the server certificate (may also hold the chain or be a PKCS#12 file).</summary>
    Certificate,

    /// <summary>"Intermediate SSL Certificate(s)": one or more files.</summary>
    Intermediates,

    /// <summary>"SSL Private Key": only when the CSR was made on another server.</summary>
    PrivateKey,
}
