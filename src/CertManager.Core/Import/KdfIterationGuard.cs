using System.Formats.Asn1;
using System.Numerics;

namespace CertManager.Core.Import;

/// <summary>
/// Reads the iteration count an encrypted PKCS#8 key asks for before anything derives a key from it: a hostile
/// file with billions of PBKDF2 iterations would otherwise hold a thread for hours. .NET bounds PKCS#12 itself
/// (Pkcs12LoaderLimits) but not a lone EncryptedPrivateKeyInfo.
/// </summary>
internal static class KdfIterationGuard
{
    private const string Pbes2 = "1.2.840.113549.1.5.13";
    private const string Pbkdf2 = "1.2.840.113549.1.5.12";

    /// <summary>The iteration count in an EncryptedPrivateKeyInfo (RFC 5958 / RFC 8018), or null when it cannot be read.</summary>
    public static BigInteger? ReadIterations(ReadOnlyMemory<byte> encryptedPrivateKeyInfo)
    {
        try
        {
            var info = new AsnReader(encryptedPrivateKeyInfo, AsnEncodingRules.BER).ReadSequence();
            var algorithm = info.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var parameters = algorithm.ReadSequence();
            if (oid == Pbes2)
            {
                // PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier }
                var kdf = parameters.ReadSequence();
                if (kdf.ReadObjectIdentifier() != Pbkdf2)
                {
                    return null;
                }

                // PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER, ... }
                var pbkdf2 = kdf.ReadSequence();
                pbkdf2.ReadEncodedValue();
                return pbkdf2.ReadInteger();
            }

            // PKCS#5 v1.5 and PKCS#12 PBE: pbeParameter ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER }
            parameters.ReadOctetString();
            return parameters.ReadInteger();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
