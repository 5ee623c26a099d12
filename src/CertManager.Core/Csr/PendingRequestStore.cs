using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using System.Text.Json;
using CertManager.Core.Certificates;
using CertManager.Core.Details;
using CertManager.Core.Events;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CertManager.Core.Csr;

/// <summary>
/// The CSRs generated and not yet discarded, each with its private key encrypted at rest. Lists them, hands out
/// their PEM, discards them (destroying the key), finds the one a CA-issued certificate belongs to, and
/// remembers the last form for prefill.
/// </summary>
public sealed partial class PendingRequestStore(
    IDbContextFactory<CertManagerDbContext> contextFactory,
    KeyProtector keyProtector,
    HostIdentity hostIdentity,
    EventRecorder events,
    DatabaseReadCache cache,
    TimeProvider timeProvider,
    ILogger<PendingRequestStore> logger)
{
    /// <summary>Binds the encrypted blobs to this use, so a pending key cannot be swapped for another kind of key.</summary>
    internal const string KeyPurpose = "pending-key";

    internal const string EventSource = "csr";

    private static readonly JsonSerializerOptions FormJsonOptions = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Pending requests, newest first.</summary>
    /// <remarks>Kept until the next commit (<see cref="DatabaseReadCache"/>): the Generate CSR page lists them on every view.</remarks>
    public Task<IReadOnlyList<PendingRequestSummary>> ListPendingAsync(CancellationToken cancellationToken = default) =>
        cache.GetAsync("csr-pending", ReadPendingAsync, cancellationToken);

    private async Task<IReadOnlyList<PendingRequestSummary>> ReadPendingAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pending = await context.PendingRequests
            .Where(r => r.Discarded == null && r.Used == null)
            .OrderByDescending(r => r.Id)
            .ToListAsync(cancellationToken);
        return pending.Select(ToSummary).ToList();
    }

    public async Task<Result<PendingRequestSummary>> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var request = await FindPendingAsync(context, id, cancellationToken);
        return request is null ? CsrErrors.PendingNotFound(id) : Result<PendingRequestSummary>.Success(ToSummary(request));
    }

    /// <summary>The CSR in PEM, to download again or paste into the CA's form.</summary>
    public async Task<Result<string>> GetCsrPemAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var request = await FindPendingAsync(context, id, cancellationToken);
        return request is null ? CsrErrors.PendingNotFound(id) : Result<string>.Success(request.CsrPem);
    }

    /// <summary>
    /// Discards a pending request: its private key is destroyed (a certificate issued for it can no longer be
    /// installed); the row stays for the record.
    /// </summary>
    public async Task<Result<PendingRequestSummary>> DiscardAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var request = await FindPendingAsync(context, id, cancellationToken);
        if (request is null)
        {
            return CsrErrors.PendingNotFound(id);
        }

        request.Discarded = timeProvider.GetUtcNow();
        request.EncryptedPrivateKey = [];
        await context.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(EventSeverity.Info, EventSource, $"Certificate signing request #{id} for {request.Subject} discarded; its private key was deleted.", actor, cancellationToken: cancellationToken);
        LogDiscarded(logger, id, actor);
        return Result<PendingRequestSummary>.Success(ToSummary(request));
    }

    /// <summary>
    /// Marks a request answered once the certificate issued for it is installed as <paramref name="version"/>: it leaves
    /// the pending list, and its key copy is deleted because the installed version holds the key.
    /// </summary>
    public async Task MarkUsedAsync(long id, string version, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var request = await FindPendingAsync(context, id, cancellationToken);
        if (request is null)
        {
            return;
        }

        request.Used = timeProvider.GetUtcNow();
        request.EncryptedPrivateKey = [];
        await context.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(EventSeverity.Info, EventSource, $"Certificate signing request #{id} for {request.Subject} is answered: its certificate was installed as version {version}.", actor, cancellationToken: cancellationToken);
    }

    /// <summary>The pending request whose key pairs with <paramref name="certificate"/>'s public key; null when none does.</summary>
    public async Task<PendingRequestSummary?> FindMatchingAsync(X509Certificate2 certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var request = await FindByPublicKeyAsync(context, certificate, cancellationToken);
        return request is null ? null : ToSummary(request);
    }

    /// <summary>
    /// Decrypts the private key of the pending request that matches <paramref name="certificate"/>, for install.
    /// The decrypted PKCS#8 buffer is zeroed as soon as the key is imported.
    /// </summary>
    internal async Task<PendingKey?> LoadMatchingKeyAsync(X509Certificate2 certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var request = await FindByPublicKeyAsync(context, certificate, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var pkcs8 = keyProtector.Unprotect(request.EncryptedPrivateKey, KeyPurpose);
        AsymmetricAlgorithm key;
        try
        {
            key = PrivateKeys.FromPkcs8(pkcs8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        return new PendingKey(ToSummary(request), key);
    }

    /// <summary>
    /// The values entered for the last generated request, to prefill the form; before the first request, a form
    /// with this host's fully qualified name as the common name and the default key and hash.
    /// </summary>
    public async Task<CsrForm> GetLastFormAsync(CancellationToken cancellationToken = default)
    {
        // The stored text is kept until the next commit; each caller gets a form of its own to edit.
        var json = await cache.GetAsync("csr-last-form", ReadLastFormAsync, cancellationToken);
        var fresh = new CsrForm { CommonName = hostIdentity.FullyQualifiedName };
        if (json is null)
        {
            return fresh;
        }

        try
        {
            return JsonSerializer.Deserialize<CsrForm>(json, FormJsonOptions) ?? fresh;
        }
        catch (JsonException exception)
        {
            // Only the prefill is lost; the form still works, so say so in the log and start from the defaults.
            LogFormUnreadable(logger, exception);
            return fresh;
        }
    }

    private async Task<string?> ReadLastFormAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.PendingRequests
            .OrderByDescending(r => r.Id)
            .Select(r => r.FormJson)
            .FirstOrDefaultAsync(cancellationToken);
    }

    internal static string SerializeForm(CsrForm form) => JsonSerializer.Serialize(form, FormJsonOptions);

    internal async Task<PendingRequest> AddAsync(PendingRequest request, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        context.PendingRequests.Add(request);
        await context.SaveChangesAsync(cancellationToken);
        return request;
    }

    internal static string FormatAlternateNames(IEnumerable<SubjectAlternativeName> names) =>
        string.Join('\n', names.Select(name => name.ToString()));

    private static Task<PendingRequest?> FindPendingAsync(CertManagerDbContext context, long id, CancellationToken cancellationToken) =>
        context.PendingRequests.SingleOrDefaultAsync(r => r.Id == id && r.Discarded == null && r.Used == null, cancellationToken);

    private static Task<PendingRequest?> FindByPublicKeyAsync(CertManagerDbContext context, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var fingerprint = PublicKeyFingerprint.Compute(certificate);
        return context.PendingRequests
            .Where(r => r.PublicKeySha256 == fingerprint && r.Discarded == null && r.Used == null)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static PendingRequestSummary ToSummary(PendingRequest request) => new(
        request.Id,
        request.Created,
        request.CreatedBy,
        request.Subject,
        ParseAlternateNames(request.AlternateNames),
        request.KeySize,
        request.Hash,
        request.PublicKeySha256);

    private static List<SubjectAlternativeName> ParseAlternateNames(string stored) =>
        stored.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.StartsWith("IP:", StringComparison.Ordinal)
                ? new SubjectAlternativeName(AlternativeNameKind.IpAddress, line["IP:".Length..])
                : new SubjectAlternativeName(AlternativeNameKind.Dns, line["DNS:".Length..]))
            .ToList();

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Pending certificate signing request #{Id} discarded by {Actor}; its private key was deleted")]
    private static partial void LogDiscarded(ILogger logger, long id, string actor);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "The form of the last certificate signing request could not be read; the CSR form starts from the defaults")]
    private static partial void LogFormUnreadable(ILogger logger, Exception exception);
}
