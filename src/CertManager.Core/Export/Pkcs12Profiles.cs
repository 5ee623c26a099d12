using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Export;

/// <summary>
/// The PKCS#12 (RFC 7292) encryption of each <see cref="PfxProfile"/>, stated here rather than left to a library default.
/// </summary>
internal static class Pkcs12Profiles
{
    /// <summary>
    /// PBKDF2 iterations of the Modern profile. OpenSSL 3 writes 2048 and Windows 2000, which is weak for a file that
    /// travels by mail or share; OWASP's 600,000 for PBKDF2-SHA256 would exceed .NET's default
    /// <see cref="Pkcs12LoaderLimits"/> (300,000 per KDF, 1,000,000 in total), so another .NET host could not open the
    /// file. 100,000 is 50 times OpenSSL's default, and the three derivations (key bag, certificate bag, MAC) stay at
    /// 300,000 in total: within .NET's defaults and CertManager's own import limit, and a few tens of milliseconds to open.
    /// </summary>
    public const int ModernIterations = 100_000;

    /// <summary>Modern: PBES2 with AES-256-CBC and PBKDF2-HMAC-SHA256 for the key and certificates, HMAC-SHA256 MAC.</summary>
    public static readonly PbeParameters Modern = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, ModernIterations);

    /// <summary>
    /// Compatible: pbeWithSHAAnd3-KeyTripleDES-CBC for the key and certificates, HMAC-SHA1 MAC, 2000 iterations, as
    /// Windows Server 2012-2016 and older appliances write and read it. 3DES, not RC2-40 (BouncyCastle's default),
    /// which offers no protection at all.
    /// </summary>
    public static readonly Pkcs12ExportPbeParameters Compatible = Pkcs12ExportPbeParameters.Pkcs12TripleDesSha1;

    public static byte[] Export(X509Certificate2Collection certificates, PfxProfile profile, string password) => profile switch
    {
        PfxProfile.Modern => certificates.ExportPkcs12(Modern, password),
        PfxProfile.Compatible => certificates.ExportPkcs12(Compatible, password),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown PFX profile."),
    };
}
