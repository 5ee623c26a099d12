using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Details;
using CertManager.Core.Events;
using CertManager.Core.Install;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using Microsoft.Extensions.Logging;

namespace CertManager.Core.Csr;

/// <summary>
/// Generates a certificate signing request (PKCS#10, RFC 2986): validates the form, makes a fresh RSA or ECDSA key off
/// the caller's thread, signs the request, stores the key encrypted as a pending request and records an event.
/// The private key never leaves the server; the caller gets the PEM and what the CA will see in it.
/// </summary>
public sealed partial class CsrGenerator(
    PendingRequestStore store,
    KeyProtector keyProtector,
    EventRecorder events,
    TimeProvider timeProvider,
    KeyAlgorithmPolicy keyPolicy,
    ILogger<CsrGenerator> logger)
{
    public async Task<Result<GeneratedCsr>> GenerateAsync(CsrForm form, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var validation = CsrRequestValidator.Validate(form, keyPolicy.AllowsEcdsa);
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
            $"Certificate signing request #{stored.Id} generated for {made.Subject}: {CsrForm.KeyLabel(request.KeySize)} key, {made.SignatureAlgorithm}, public key SHA-256 {made.PublicKeySha256}.",
            actor,
            cancellationToken: cancellationToken);
        LogGenerated(logger, stored.Id, made.Subject, CsrForm.KeyLabel(request.KeySize), made.PublicKeySha256, actor);

        return Result<GeneratedCsr>.Success(
            new GeneratedCsr(
                stored.Id,
                made.Pem,
                made.Subject,
                DistinguishedNameParser.Parse(made.SubjectName),
                made.AlternateNames,
                made.KeyAlgorithm,
                made.KeySizeBits,
                made.SignatureAlgorithm,
                made.PublicKeySha256,
                stored.Created),
            validation.Problems);
    }

    /// <summary>Makes the key and the CSR (<see cref="CsrFactory"/>) and encrypts the key for the pending request.</summary>
    private Made Make(ValidatedCsrRequest request)
    {
        using var csr = CsrFactory.Create(request);
        var pkcs8 = csr.Key.ExportPkcs8PrivateKey();
        try
        {
            return new Made(
                csr.Pem,
                csr.SubjectName,
                csr.Subject,
                csr.AlternateNames,
                csr.KeyAlgorithm,
                csr.KeySizeBits,
                csr.SignatureAlgorithm,
                keyProtector.Protect(pkcs8, PendingRequestStore.KeyPurpose),
                csr.PublicKeySha256);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Certificate signing request #{Id} generated for {Subject} ({Key}, public key SHA-256 {PublicKeySha256}) by {Actor}")]
    private static partial void LogGenerated(ILogger logger, long id, string subject, string key, string publicKeySha256, string actor);

    private sealed record Made(
        string Pem,
        X500DistinguishedName SubjectName,
        string Subject,
        IReadOnlyList<SubjectAlternativeName> AlternateNames,
        string KeyAlgorithm,
        int KeySizeBits,
        string SignatureAlgorithm,
        byte[] EncryptedPrivateKey,
        string PublicKeySha256);
}
