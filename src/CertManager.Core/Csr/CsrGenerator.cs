using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Details;
using CertManager.Core.Events;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using Microsoft.Extensions.Logging;

namespace CertManager.Core.Csr;

/// <summary>
/// Generates a certificate signing request (PKCS#10, RFC 2986): validates the form, makes a fresh RSA key off
/// the caller's thread, signs the request, stores the key encrypted as a pending request and records an event.
/// The private key never leaves the server; the caller gets the PEM and what the CA will see in it.
/// </summary>
public sealed partial class CsrGenerator(
    PendingRequestStore store,
    KeyProtector keyProtector,
    EventRecorder events,
    TimeProvider timeProvider,
    ILogger<CsrGenerator> logger)
{
    private const string KeyAlgorithm = "RSA";

    public async Task<Result<GeneratedCsr>> GenerateAsync(CsrForm form, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var validation = CsrRequestValidator.Validate(form);
        if (!validation.Succeeded)
        {
            return Result<GeneratedCsr>.Failure(validation.Problems);
        }

        var request = validation.Value;
        // RSA key generation is CPU-bound (a 4096-bit key can take seconds): keep it off the circuit's thread.
        var made = await Task.Run(() => Make(request), cancellationToken);
        var stored = await store.AddAsync(
            new PendingRequest
            {
                Created = timeProvider.GetUtcNow(),
                CreatedBy = actor,
                Subject = made.Subject,
                AlternateNames = PendingRequestStore.FormatAlternateNames(made.AlternateNames),
                KeySize = request.KeySize,
                Hash = request.Hash,
                CsrPem = made.Pem,
                EncryptedPrivateKey = made.EncryptedPrivateKey,
                PublicKeySha256 = made.PublicKeySha256,
                FormJson = PendingRequestStore.SerializeForm(request.Form),
            },
            cancellationToken);

        await events.RecordAsync(
            EventSeverity.Info,
            PendingRequestStore.EventSource,
            $"Certificate signing request #{stored.Id} generated for {made.Subject}: RSA {request.KeySize}-bit key, {SignatureAlgorithmName(request.Hash)}, public key SHA-256 {made.PublicKeySha256}.",
            actor,
            cancellationToken: cancellationToken);
        LogGenerated(logger, stored.Id, made.Subject, request.KeySize, made.PublicKeySha256, actor);

        return Result<GeneratedCsr>.Success(
            new GeneratedCsr(
                stored.Id,
                made.Pem,
                made.Subject,
                DistinguishedNameParser.Parse(made.SubjectName),
                made.AlternateNames,
                KeyAlgorithm,
                made.KeySizeBits,
                SignatureAlgorithmName(request.Hash),
                made.PublicKeySha256,
                stored.Created),
            validation.Problems);
    }

    /// <summary>Makes the key and the CSR, encrypts the key, and reads the CSR back as the CA will.</summary>
    private Made Make(ValidatedCsrRequest request)
    {
        using var key = RSA.Create(request.KeySize);
        var subject = SubjectNameFormatter.Build(request.Country, request.State, request.Locality, request.Organization, request.OrganizationalUnit, request.CommonName);
        var hash = HashAlgorithm(request.Hash);
        // PKCS#1 v1.5 rather than PSS: every CA accepts it. Only the subjectAltName is requested; CAs set key
        // usage and extended key usage from their own profile.
        var signingRequest = new CertificateRequest(subject, key, hash, RSASignaturePadding.Pkcs1);
        signingRequest.CertificateExtensions.Add(BuildAlternateNames(request.AlternateNames));
        var pem = signingRequest.CreateSigningRequestPem();

        var pkcs8 = key.ExportPkcs8PrivateKey();
        byte[] encrypted;
        try
        {
            encrypted = keyProtector.Protect(pkcs8, PendingRequestStore.KeyPurpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        // Read our own output back, verifying its signature: the preview shows what the CSR really says.
        // Loading the requested extensions is safe here because we made them a moment ago.
        var loaded = CertificateRequest.LoadSigningRequestPem(pem, hash, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions, RSASignaturePadding.Pkcs1);
        using var publicKey = loaded.PublicKey.GetRSAPublicKey() ?? throw new CryptographicException("The CSR just generated carries no RSA public key.");
        var alternateNames = AlternativeNameReader.Read(loaded.CertificateExtensions.FirstOrDefault(e => e.Oid?.Value == "2.5.29.17"));
        return new Made(
            pem,
            loaded.SubjectName,
            SubjectNameFormatter.Format(loaded.SubjectName),
            alternateNames,
            publicKey.KeySize,
            encrypted,
            PublicKeyFingerprint.Compute(loaded.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    private static X509Extension BuildAlternateNames(IEnumerable<SubjectAlternativeName> names)
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (name.Kind == AlternativeNameKind.IpAddress)
            {
                builder.AddIpAddress(System.Net.IPAddress.Parse(name.Value));
            }
            else
            {
                builder.AddDnsName(name.Value);
            }
        }

        return builder.Build();
    }

    private static HashAlgorithmName HashAlgorithm(CsrHashAlgorithm hash) => hash switch
    {
        CsrHashAlgorithm.Sha256 => HashAlgorithmName.SHA256,
        CsrHashAlgorithm.Sha384 => HashAlgorithmName.SHA384,
        CsrHashAlgorithm.Sha512 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(hash), hash, "The validator admits only SHA-256, SHA-384 and SHA-512."),
    };

    private static string SignatureAlgorithmName(CsrHashAlgorithm hash) => hash switch
    {
        CsrHashAlgorithm.Sha256 => "sha256WithRSAEncryption",
        CsrHashAlgorithm.Sha384 => "sha384WithRSAEncryption",
        CsrHashAlgorithm.Sha512 => "sha512WithRSAEncryption",
        _ => throw new ArgumentOutOfRangeException(nameof(hash), hash, "The validator admits only SHA-256, SHA-384 and SHA-512."),
    };

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Certificate signing request #{Id} generated for {Subject} (RSA {KeySize}-bit, public key SHA-256 {PublicKeySha256}) by {Actor}")]
    private static partial void LogGenerated(ILogger logger, long id, string subject, int keySize, string publicKeySha256, string actor);

    private sealed record Made(
        string Pem,
        X500DistinguishedName SubjectName,
        string Subject,
        IReadOnlyList<SubjectAlternativeName> AlternateNames,
        int KeySizeBits,
        byte[] EncryptedPrivateKey,
        string PublicKeySha256);
}
