using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Results;

namespace CertManager.Core.Import;

/// <summary>
/// Opens PKCS#12/PFX files (RFC 7292) with .NET's loader: modern AES/PBKDF2 and legacy RC2/3DES, with or without a
/// MAC, with an empty or absent password. Its limits bound the work a hostile file can ask for.
/// </summary>
internal static class Pkcs12BundleReader
{
    public sealed record Outcome(IReadOnlyList<X509Certificate2> Certificates, Problem? Problem);

    public static Outcome Read(byte[] content, string source, string? password, int maxIterations)
    {
        var limits = new Pkcs12LoaderLimits
        {
            IndividualKdfIterationLimit = maxIterations,
            TotalKdfIterationLimit = maxIterations * 4,
            MaxCertificates = 64,
            MaxKeys = 8,
            PreserveStorageProvider = false,
            PreserveKeyName = false,
            PreserveCertificateAlias = false,
            PreserveUnknownAttributes = false,
            // Only the key and certificates matter; the file is not written back.
            IgnorePrivateKeys = false,
        };

        try
        {
            var collection = X509CertificateLoader.LoadPkcs12Collection(content, password, X509KeyStorageFlags.EphemeralKeySet, limits);
            return new Outcome([.. collection], null);
        }
        catch (Pkcs12LoadLimitExceededException)
        {
            // .NET does not say which count the file asked for; inventing one (the limit + 1) would mislead.
            return new Outcome([], ImportErrors.KdfIterationsTooHigh(source, iterations: null, maxIterations));
        }
        catch (CryptographicException)
        {
            // The content type was PKCS#12, so a failure to open it is nearly always the password.
            return new Outcome([], ImportErrors.PasswordIncorrectOrRequired(source, password));
        }
    }
}
