namespace CertManager.Core.Export;

/// <summary>How a PFX is encrypted; see <see cref="Pkcs12Profiles"/> for the exact algorithms.</summary>
public enum PfxProfile
{
    /// <summary>AES-256-CBC with PBKDF2-HMAC-SHA256 (PBES2), SHA-256 MAC: OpenSSL 3, Windows Server 2019+, current appliances.</summary>
    Modern,

    /// <summary>3DES with the PKCS#12 KDF over SHA-1, SHA-1 MAC: older Windows servers and appliances that cannot read PBES2.</summary>
    Compatible,
}
