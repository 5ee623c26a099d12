using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CertManager.Acme.Protocol;
using CertManager.Acme.Transport;
using CertManager.Core.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertManager.Acme;

/// <summary>
/// The ACME operations of RFC 8555 and RFC 9773, one method each, every one returning the CA's object or the
/// problems in plain words. The order flow (<see cref="Issuance.AcmeOrderFlow"/>) and the console's enrollment call
/// these; this class keeps no state but the nonce pool.
/// </summary>
public sealed class AcmeClient
{
    private readonly AcmeHttpTransport _transport;
    private readonly ILogger<AcmeClient> _logger;

    public AcmeClient(HttpClient http, IOptions<AcmeOptions> options, TimeProvider timeProvider, ILogger<AcmeClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = new AcmeHttpTransport(http, new NoncePool(), options.Value, timeProvider, logger);
        _logger = logger;
    }

    /// <summary>How many requests were sent again after a badNonce since this client was made.</summary>
    internal long BadNonceRetries => _transport.BadNonceRetries;

    /// <summary>§7.1.1: reads the directory and checks it names the resources an order needs.</summary>
    public async Task<Result<AcmeDirectory>> GetDirectoryAsync(Uri directoryUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directoryUrl);
        if (directoryUrl.Scheme != Uri.UriSchemeHttps && !directoryUrl.IsLoopback)
        {
            return AcmeErrors.AddressInvalid($"'{directoryUrl}' is not an https URL; ACME requires HTTPS (RFC 8555 §6.1).");
        }

        var response = await _transport.GetAsync(directoryUrl, cancellationToken);
        if (!response.Succeeded)
        {
            return Result<AcmeDirectory>.Failure(response.Problems);
        }

        var directory = Read(directoryUrl, response.Value, AcmeJsonContext.Default.AcmeDirectory);
        return directory.Succeeded && (directory.Value.NewNonce is null || directory.Value.NewAccount is null || directory.Value.NewOrder is null)
            ? AcmeErrors.NotAcme(directoryUrl, "it names no newNonce, newAccount or newOrder resource.")
            : directory;
    }

    /// <summary>
    /// newAccount (§7.3) with the contacts, the terms-of-service agreement and, when given, the External Account
    /// Binding (§7.3.4). An existing account for the same key is returned as it is (200 instead of 201).
    /// </summary>
    public async Task<Result<AcmeAccount>> RegisterAsync(AcmeDirectory directory, AcmeAccountKey key, AcmeRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(registration);
        if (directory.Meta?.TermsOfService is not null && !registration.TermsOfServiceAgreed)
        {
            return AcmeErrors.TermsNotAgreed;
        }

        JwsMessage? binding = null;
        if (!string.IsNullOrWhiteSpace(registration.ExternalAccountKeyId))
        {
            byte[] macKey;
            try
            {
                macKey = Base64UrlText.Decode((registration.ExternalAccountHmacKey ?? string.Empty).Trim().TrimEnd('='));
            }
            catch (FormatException)
            {
                return AcmeErrors.ExternalAccountKeyInvalid;
            }

            if (macKey.Length == 0)
            {
                return AcmeErrors.ExternalAccountKeyInvalid;
            }

            binding = JwsSigner.ExternalAccountBinding(registration.ExternalAccountKeyId.Trim(), macKey, key, directory.NewAccount!);
        }

        var contacts = registration.Emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => "mailto:" + e.Trim()).ToList();
        var payload = new NewAccountPayload(contacts.Count == 0 ? null : contacts, registration.TermsOfServiceAgreed ? true : null, null, binding);
        return await AccountRequestAsync(directory, key, payload, cancellationToken);
    }

    /// <summary>§7.3.1: the account of this key, without creating one (<c>onlyReturnExisting</c>).</summary>
    public Task<Result<AcmeAccount>> FindAccountAsync(AcmeDirectory directory, AcmeAccountKey key, CancellationToken cancellationToken = default) =>
        AccountRequestAsync(directory, key, new NewAccountPayload(null, null, true, null), cancellationToken);

    /// <summary>
    /// §7.3.5 key rollover: an inner JWS signed by <paramref name="newKey"/> naming the account and its old key,
    /// wrapped in a request signed by the current key. Afterwards only the new key is accepted.
    /// </summary>
    public async Task<Result<AcmeAccount>> RolloverKeyAsync(AcmeSession session, AcmeAccountKey newKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(newKey);
        if (session.Directory.KeyChange is not { } keyChange)
        {
            return Problem.Error("acme.no-key-change", "This CA does not offer account key rollover (no keyChange in its directory).", "Create a new account with a new key instead, and deactivate the old one.");
        }

        var inner = JwsSigner.KeyChange(newKey, session.Key, session.AccountUrl, keyChange);
        var response = await PostAsync(session, keyChange, JsonSerializer.Serialize(inner, AcmeJsonContext.Default.JwsMessage), null, cancellationToken);
        if (!response.Succeeded)
        {
            return Result<AcmeAccount>.Failure(response.Problems);
        }

        // Some CAs answer the account, others nothing; the account URL does not change.
        return await GetAccountAsync(session with { Key = newKey }, cancellationToken);
    }

    /// <summary>§7.3.6: deactivates the account for good; the CA refuses every later request signed with its key.</summary>
    public async Task<Result<AcmeAccount>> DeactivateAccountAsync(AcmeSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var payload = JsonSerializer.Serialize(new StatusPayload("deactivated"), AcmeJsonContext.Default.StatusPayload);
        var response = await PostAsync(session, session.AccountUrl, payload, null, cancellationToken);
        var account = response.Succeeded ? Read(session.AccountUrl, response.Value, AcmeJsonContext.Default.AcmeAccount) : Result<AcmeAccount>.Failure(response.Problems);
        return account.Succeeded ? Result<AcmeAccount>.Success(account.Value with { Location = session.AccountUrl }) : account;
    }

    /// <summary>The account object by POST-as-GET (§7.3.3 with an empty payload, §6.3).</summary>
    public async Task<Result<AcmeAccount>> GetAccountAsync(AcmeSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var response = await PostAsync(session, session.AccountUrl, JwsSigner.PostAsGet, null, cancellationToken);
        var account = response.Succeeded ? Read(session.AccountUrl, response.Value, AcmeJsonContext.Default.AcmeAccount) : Result<AcmeAccount>.Failure(response.Problems);
        return account.Succeeded ? Result<AcmeAccount>.Success(account.Value with { Location = session.AccountUrl }) : account;
    }

    /// <summary>newOrder (§7.4), with <c>replaces</c> (RFC 9773 §5) when it renews the certificate with that ARI id.</summary>
    public async Task<Result<AcmeOrder>> NewOrderAsync(AcmeSession session, IReadOnlyList<AcmeIdentifier> identifiers, string? replaces = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var payload = JsonSerializer.Serialize(new NewOrderPayload(identifiers, replaces), AcmeJsonContext.Default.NewOrderPayload);
        var url = session.Directory.NewOrder!;
        var response = await PostAsync(session, url, payload, null, cancellationToken);
        var order = response.Succeeded ? ReadOrder(url, response.Value) : Result<AcmeOrder>.Failure(response.Problems);
        if (order.Succeeded && order.Value.Location is null)
        {
            return AcmeErrors.NotAcme(url, "the newOrder reply has no Location header (the order URL).");
        }

        if (order.Succeeded)
        {
            AcmeLog.Order(_logger, order.Value.Location, string.Join(", ", identifiers.Select(i => i.Value)), order.Value.Status);
        }

        return order;
    }

    public async Task<Result<AcmeOrder>> GetOrderAsync(AcmeSession session, Uri orderUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var response = await PostAsync(session, orderUrl, JwsSigner.PostAsGet, null, cancellationToken);
        var order = response.Succeeded ? ReadOrder(orderUrl, response.Value) : Result<AcmeOrder>.Failure(response.Problems);
        return order.Succeeded ? Result<AcmeOrder>.Success(order.Value with { Location = orderUrl }) : order;
    }

    /// <summary>§7.5: the authorization, by POST-as-GET, with the CA's Retry-After for polling.</summary>
    public async Task<Result<AcmeAuthorization>> GetAuthorizationAsync(AcmeSession session, Uri authorizationUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var response = await PostAsync(session, authorizationUrl, JwsSigner.PostAsGet, null, cancellationToken);
        var authorization = response.Succeeded ? Read(authorizationUrl, response.Value, AcmeJsonContext.Default.AcmeAuthorization) : Result<AcmeAuthorization>.Failure(response.Problems);
        return authorization.Succeeded ? Result<AcmeAuthorization>.Success(authorization.Value with { RetryAfter = response.Value.RetryAfter }) : authorization;
    }

    /// <summary>
    /// §7.5.2: deactivates an authorization, so that the account can no longer obtain a certificate for its identifier
    /// without proving control of it again (a valid authorization is otherwise reused by the CA for new orders).
    /// </summary>
    public async Task<Result<AcmeAuthorization>> DeactivateAuthorizationAsync(AcmeSession session, Uri authorizationUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var payload = JsonSerializer.Serialize(new StatusPayload("deactivated"), AcmeJsonContext.Default.StatusPayload);
        var response = await PostAsync(session, authorizationUrl, payload, null, cancellationToken);
        return response.Succeeded ? Read(authorizationUrl, response.Value, AcmeJsonContext.Default.AcmeAuthorization) : Result<AcmeAuthorization>.Failure(response.Problems);
    }

    /// <summary>§7.5.1: tells the CA the challenge answer is in place (POST of the empty object).</summary>
    public async Task<Result<AcmeChallenge>> AnswerChallengeAsync(AcmeSession session, AcmeChallenge challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(challenge);
        var url = challenge.Url ?? throw new ArgumentException("The challenge has no URL.", nameof(challenge));
        var response = await PostAsync(session, url, "{}", null, cancellationToken);
        return response.Succeeded ? Read(url, response.Value, AcmeJsonContext.Default.AcmeChallenge) : Result<AcmeChallenge>.Failure(response.Problems);
    }

    /// <summary>§7.4 finalize: sends the CSR (DER) once the order is ready.</summary>
    public async Task<Result<AcmeOrder>> FinalizeAsync(AcmeSession session, AcmeOrder order, byte[] csrDer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(order);
        var url = order.Finalize ?? throw new ArgumentException("The order has no finalize URL.", nameof(order));
        var payload = JsonSerializer.Serialize(new FinalizePayload(Base64UrlText.Encode(csrDer)), AcmeJsonContext.Default.FinalizePayload);
        var response = await PostAsync(session, url, payload, null, cancellationToken);
        var finalized = response.Succeeded ? ReadOrder(url, response.Value) : Result<AcmeOrder>.Failure(response.Problems);
        return finalized.Succeeded ? Result<AcmeOrder>.Success(finalized.Value with { Location = order.Location }) : finalized;
    }

    /// <summary>
    /// §7.4.2: downloads the certificate chain and every alternate chain the CA links with <c>rel="alternate"</c>.
    /// The first chain is the CA's default. The caller disposes the chains.
    /// </summary>
    public async Task<Result<IReadOnlyList<AcmeCertificateChain>>> DownloadCertificateAsync(AcmeSession session, Uri certificateUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var chains = new List<AcmeCertificateChain>();
        var response = await DownloadOneAsync(session, certificateUrl, chains, cancellationToken);
        if (!response.Succeeded)
        {
            return Result<IReadOnlyList<AcmeCertificateChain>>.Failure(response.Problems);
        }

        foreach (var alternate in response.Value.Links.Where(l => l.Relation == "alternate").Select(l => l.Target).Distinct())
        {
            var other = await DownloadOneAsync(session, alternate, chains, cancellationToken);
            if (!other.Succeeded)
            {
                chains.ForEach(c => c.Dispose());
                return Result<IReadOnlyList<AcmeCertificateChain>>.Failure(other.Problems);
            }
        }

        return Result<IReadOnlyList<AcmeCertificateChain>>.Success(chains);
    }

    /// <summary>
    /// RFC 9773 §4.3: the renewal window the CA suggests for <paramref name="certificate"/>, by unauthenticated GET of
    /// renewalInfo/{certID}, with its Retry-After (when to ask again).
    /// </summary>
    public async Task<Result<AcmeRenewalInfo>> GetRenewalInfoAsync(AcmeDirectory directory, X509Certificate2 certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (directory.RenewalInfo is not { } baseUrl)
        {
            return AcmeErrors.NoRenewalInfo;
        }

        if (RenewalCertificateId.Of(certificate) is not { } id)
        {
            return AcmeErrors.NoAuthorityKeyIdentifier;
        }

        var url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + id);
        var response = await _transport.GetAsync(url, cancellationToken);
        var info = response.Succeeded ? Read(url, response.Value, AcmeJsonContext.Default.AcmeRenewalInfo) : Result<AcmeRenewalInfo>.Failure(response.Problems);
        if (info.Succeeded && info.Value.SuggestedWindow is null)
        {
            return AcmeErrors.NotAcme(url, "the renewalInfo reply has no suggestedWindow.");
        }

        return info.Succeeded ? Result<AcmeRenewalInfo>.Success(info.Value with { RetryAfter = response.Value.RetryAfter }) : info;
    }

    private async Task<Result<AcmeHttpResponse>> DownloadOneAsync(AcmeSession session, Uri url, List<AcmeCertificateChain> chains, CancellationToken cancellationToken)
    {
        var response = await PostAsync(session, url, JwsSigner.PostAsGet, AcmeHttpTransport.PemChainMediaType, cancellationToken);
        if (!response.Succeeded)
        {
            return response;
        }

        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(Encoding.ASCII.GetString(response.Value.Body));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return AcmeErrors.NotAcme(url, "the certificate download is not a PEM certificate chain.");
        }

        if (collection.Count == 0)
        {
            return AcmeErrors.NoCertificate;
        }

        chains.Add(new AcmeCertificateChain(url, [.. collection]));
        return response;
    }

    private async Task<Result<AcmeAccount>> AccountRequestAsync(AcmeDirectory directory, AcmeAccountKey key, NewAccountPayload payload, CancellationToken cancellationToken)
    {
        var url = directory.NewAccount!;
        var json = JsonSerializer.Serialize(payload, AcmeJsonContext.Default.NewAccountPayload);
        var response = await _transport.PostAsync(url, directory.NewNonce!, nonce => JwsSigner.Sign(key, kid: null, nonce, url, json), null, cancellationToken);
        if (!response.Succeeded)
        {
            return Result<AcmeAccount>.Failure(response.Problems);
        }

        var account = Read(url, response.Value, AcmeJsonContext.Default.AcmeAccount);
        if (account.Succeeded && response.Value.Location is null)
        {
            return AcmeErrors.NotAcme(url, "the newAccount reply has no Location header (the account URL).");
        }

        if (account.Succeeded)
        {
            AcmeLog.Account(_logger, url, response.Value.Location, account.Value.Status);
        }

        return account.Succeeded ? Result<AcmeAccount>.Success(account.Value with { Location = response.Value.Location }) : account;
    }

    private Task<Result<AcmeHttpResponse>> PostAsync(AcmeSession session, Uri url, string payload, string? accept, CancellationToken cancellationToken) =>
        _transport.PostAsync(url, session.Directory.NewNonce!, nonce => JwsSigner.Sign(session.Key, session.AccountUrl.AbsoluteUri, nonce, url, payload), accept, cancellationToken);

    private static Result<AcmeOrder> ReadOrder(Uri url, AcmeHttpResponse response)
    {
        var order = Read(url, response, AcmeJsonContext.Default.AcmeOrder);
        return order.Succeeded ? Result<AcmeOrder>.Success(order.Value with { Location = response.Location ?? order.Value.Location, RetryAfter = response.RetryAfter }) : order;
    }

    private static Result<T> Read<T>(Uri url, AcmeHttpResponse response, JsonTypeInfo<T> type)
    {
        if (response.Status == HttpStatusCode.NoContent || response.Body.Length == 0)
        {
            return AcmeErrors.NotAcme(url, "the reply is empty.");
        }

        try
        {
            return JsonSerializer.Deserialize(response.Body, type) is { } value
                ? Result<T>.Success(value)
                : AcmeErrors.NotAcme(url, "the reply is JSON null.");
        }
        catch (JsonException exception)
        {
            return AcmeErrors.NotAcme(url, $"the reply is not the expected JSON ({exception.Message}).");
        }
    }
}
