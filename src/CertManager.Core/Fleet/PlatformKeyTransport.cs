using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;

namespace CertManager.Core.Fleet;

/// <summary>
/// The key transport of <see cref="FleetKeyEnvelope"/> done by the platform (OpenSSL) for BouncyCastle's CMS generator:
/// RSAES-OAEP with SHA-256, MGF1 with SHA-256 and the empty label (RFC 8017 §7.1, RFC 3560 for its identifier), the
/// construction <see cref="FleetKeyEnvelope.Open"/> accepts. BouncyCastle's own RSA took most of a bundle's CPU on the
/// edge, mostly preparing its arithmetic for the modulus again at every encryption.
/// </summary>
internal sealed class PlatformKeyTransport(RSA recipient) : IKeyWrapper
{
    private static readonly AlgorithmIdentifier Sha256 = new(NistObjectIdentifiers.IdSha256, DerNull.Instance);

    /// <summary>id-RSAES-OAEP with its parameters spelled out (SHA-256, MGF1-SHA-256, pSpecified with the empty label).</summary>
    internal static readonly AlgorithmIdentifier OaepSha256 = new(
        PkcsObjectIdentifiers.IdRsaesOaep,
        new RsaesOaepParameters(Sha256, new AlgorithmIdentifier(PkcsObjectIdentifiers.IdMgf1, Sha256), RsaesOaepParameters.DefaultPSourceAlgorithm));

    public object AlgorithmDetails => OaepSha256;

    public IBlockResult Wrap(byte[] keyData) => new SimpleBlockResult(recipient.Encrypt(keyData, RSAEncryptionPadding.OaepSHA256));
}
