using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Acme.Protocol;
using CertManager.Core.Csr;
using CertManager.Core.Details;
using CertManager.Core.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertManager.Acme.Issuance;

/// <summary>
/// One order from newOrder to the downloaded chain (RFC 8555 §7.4): each pending authorization answered with the
/// plan's responder and polled until the CA decides (§7.5.1), the order finalized with a CSR from a fresh key once it
/// is ready, polled while processing, and the certificate downloaded with its alternate chains (§7.4.2). Waits follow
/// the CA's Retry-After, bounded by <see cref="AcmeOptions.MaxWaitSeconds"/>. Issues nothing itself: the result goes
/// to the chain doctor and the installer like any other certificate source.
/// </summary>
public sealed class AcmeOrderFlow(AcmeClient client, IOptions<AcmeOptions> options, TimeProvider timeProvider, ILogger<AcmeOrderFlow> logger)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>Places a new order for the plan's names and carries it through to the certificate.</summary>
    public async Task<Result<AcmeIssuedCertificate>> ObtainAsync(AcmeSession session, AcmeOrderPlan plan, IProgress<AcmeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var identifiers = plan.Request.AlternateNames
            .Select(n => n.Kind == AlternativeNameKind.IpAddress ? new AcmeIdentifier("ip", n.Value) : AcmeIdentifier.Dns(n.Value))
            .ToList();
        var order = await client.NewOrderAsync(session, identifiers, plan.Replaces, cancellationToken);
        if (!order.Succeeded)
        {
            return Result<AcmeIssuedCertificate>.Failure(order.Problems);
        }

        progress?.Report(new AcmeProgress(AcmeStep.OrderCreated, order.Value.Location!));
        return await CompleteAsync(session, order.Value, plan, progress, key: null, cancellationToken);
    }

    /// <summary>
    /// Carries an existing order on from wherever it is (also after a restart). <paramref name="key"/> is the key of
    /// an order already finalized; without it a fresh key of the plan's choice (RSA size or ECDSA curve) is made at finalize time.
    /// </summary>
    public async Task<Result<AcmeIssuedCertificate>> CompleteAsync(
        AcmeSession session, AcmeOrder order, AcmeOrderPlan plan, IProgress<AcmeProgress>? progress, AsymmetricAlgorithm? key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(plan);
        var orderUrl = order.Location ?? throw new ArgumentException("The order has no URL.", nameof(order));
        if (order.Status == "pending")
        {
            foreach (var authorizationUrl in order.Authorizations)
            {
                var authorized = await AuthorizeAsync(session, authorizationUrl, plan.Responder, orderUrl, progress, cancellationToken);
                if (!authorized.Succeeded)
                {
                    return Result<AcmeIssuedCertificate>.Failure(authorized.Problems);
                }
            }
        }

        var current = await PollAsync(() => client.GetOrderAsync(session, orderUrl, cancellationToken), o => o.Status != "pending", o => o.RetryAfter, "validating the order", cancellationToken);
        if (!current.Succeeded)
        {
            return Result<AcmeIssuedCertificate>.Failure(current.Problems);
        }

        var ownsKey = false;
        try
        {
            if (current.Value.Status == "ready")
            {
                // §7.4: a fresh key for every certificate; key generation is CPU work, kept off the caller's thread.
                if (key is null)
                {
                    key = await Task.Run(() => EnrollmentCsr.NewKey(plan.Request.KeySize), cancellationToken);
                    ownsKey = true;
                    if (plan.KeepKey is { } keep)
                    {
                        await keep(key, cancellationToken);
                    }
                }

                var csr = EnrollmentCsr.Build(key, plan.Request, HashAlgorithmName.SHA256).CreateSigningRequest();
                progress?.Report(new AcmeProgress(AcmeStep.Finalizing, orderUrl));
                var finalized = await client.FinalizeAsync(session, current.Value, csr, cancellationToken);
                if (!finalized.Succeeded)
                {
                    return Result<AcmeIssuedCertificate>.Failure(finalized.Problems);
                }

                current = await PollAsync(() => client.GetOrderAsync(session, orderUrl, cancellationToken), o => o.Status is not ("processing" or "ready"), o => o.RetryAfter, "issuing the certificate", cancellationToken);
                if (!current.Succeeded)
                {
                    return Result<AcmeIssuedCertificate>.Failure(current.Problems);
                }
            }

            AcmeLog.Order(logger, orderUrl, string.Join(", ", current.Value.Identifiers.Select(i => i.Value)), current.Value.Status);
            if (current.Value.Status != "valid")
            {
                return AcmeErrors.OrderInvalid(current.Value with { Location = orderUrl });
            }

            if (key is null)
            {
                return Problem.Error("acme.key-missing", "The order was finalized earlier, but the key made for it is not available.", "Start a new order; the CA issues a new certificate for a new key.");
            }

            if (current.Value.Certificate is not { } certificateUrl)
            {
                return AcmeErrors.NoCertificate;
            }

            progress?.Report(new AcmeProgress(AcmeStep.Issued, orderUrl));
            var issued = await DownloadAsync(session, orderUrl, certificateUrl, key, plan.PreferredRoot, cancellationToken);
            if (issued.Succeeded)
            {
                ownsKey = false;
                progress?.Report(new AcmeProgress(AcmeStep.Downloaded, orderUrl));
            }

            return issued;
        }
        finally
        {
            if (ownsKey)
            {
                key?.Dispose();
            }
        }
    }

    private async Task<Result<bool>> AuthorizeAsync(AcmeSession session, Uri authorizationUrl, IAcmeChallengeResponder responder, Uri orderUrl, IProgress<AcmeProgress>? progress, CancellationToken cancellationToken)
    {
        var authorization = await client.GetAuthorizationAsync(session, authorizationUrl, cancellationToken);
        if (!authorization.Succeeded)
        {
            return Result<bool>.Failure(authorization.Problems);
        }

        var value = authorization.Value.Identifier?.Value ?? "?";
        var identifier = authorization.Value.Wildcard ? "*." + value : value;
        if (authorization.Value.Status == "valid")
        {
            return Result<bool>.Success(true);
        }

        if (authorization.Value.Status != "pending")
        {
            return AcmeErrors.Unauthorized(identifier, authorization.Value.Status ?? "unknown");
        }

        var challenge = authorization.Value.Challenges.FirstOrDefault(c => c.Type == responder.ChallengeType);
        if (challenge?.Token is null || challenge.Url is null)
        {
            return AcmeErrors.ChallengeNotOffered(identifier, responder.ChallengeType, authorization.Value.Challenges.Select(c => c.Type));
        }

        var keyAuthorization = KeyAuthorization.For(challenge.Token, session.Key);
        var answer = new AcmeChallengeAnswer(value, responder.ChallengeType, challenge.Token, keyAuthorization, KeyAuthorization.DnsTxtName(value), KeyAuthorization.DnsTxtValue(keyAuthorization));
        var published = await responder.PublishAsync(answer, cancellationToken);
        if (!published.Succeeded)
        {
            await RemoveAsync(responder, answer);
            return published;
        }

        try
        {
            progress?.Report(new AcmeProgress(AcmeStep.ChallengePublished, orderUrl, identifier));
            var answered = await client.AnswerChallengeAsync(session, challenge, cancellationToken);
            if (!answered.Succeeded)
            {
                return Result<bool>.Failure(answered.Problems);
            }

            var decided = await PollAsync(() => client.GetAuthorizationAsync(session, authorizationUrl, cancellationToken), a => a.Status != "pending", a => a.RetryAfter, $"validating {identifier}", cancellationToken);
            if (!decided.Succeeded)
            {
                return Result<bool>.Failure(decided.Problems);
            }

            AcmeLog.Challenge(logger, responder.ChallengeType, identifier, decided.Value.Status);
            if (decided.Value.Status != "valid")
            {
                var failed = decided.Value.Challenges.FirstOrDefault(c => c.Url == challenge.Url) ?? decided.Value.Challenges.FirstOrDefault(c => c.Error is not null);
                return AcmeErrors.ChallengeFailed(identifier, responder.ChallengeType, failed?.Error);
            }

            progress?.Report(new AcmeProgress(AcmeStep.ChallengeValidated, orderUrl, identifier));
            return Result<bool>.Success(true);
        }
        finally
        {
            await RemoveAsync(responder, answer);
        }
    }

    private async Task RemoveAsync(IAcmeChallengeResponder responder, AcmeChallengeAnswer answer)
    {
        // Not cancellable: a published answer is always taken away, even when the caller gave up.
        var removed = await responder.RemoveAsync(answer, CancellationToken.None);
        if (!removed.Succeeded)
        {
            AcmeLog.CleanupFailed(logger, answer.ChallengeType, answer.Identifier, removed.Problems[0].Message);
        }
    }

    private async Task<Result<AcmeIssuedCertificate>> DownloadAsync(AcmeSession session, Uri orderUrl, Uri certificateUrl, AsymmetricAlgorithm key, string? preferredRoot, CancellationToken cancellationToken)
    {
        var chains = await client.DownloadCertificateAsync(session, certificateUrl, cancellationToken);
        if (!chains.Succeeded)
        {
            return Result<AcmeIssuedCertificate>.Failure(chains.Problems);
        }

        var chosen = Choose(chains.Value, preferredRoot);
        foreach (var other in chains.Value.Where(c => c != chosen))
        {
            other.Dispose();
        }

        if (!chosen.Leaf.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            chosen.Dispose();
            return Problem.Error("acme.key-mismatch", "The certificate the CA issued is not for the key CertManager sent in the request.", "Start a new order; report the order URL " + orderUrl + " to the CA.");
        }

        AcmeLog.Downloaded(logger, certificateUrl, chains.Value.Count - 1, chosen.TopIssuer);
        return Result<AcmeIssuedCertificate>.Success(new AcmeIssuedCertificate(orderUrl, chosen, chains.Value.Count - 1, key));
    }

    /// <summary>§7.4.2: the first chain whose top certificate was issued by (or is) the preferred root, else the default.</summary>
    internal static AcmeCertificateChain Choose(IReadOnlyList<AcmeCertificateChain> chains, string? preferredRoot)
    {
        if (string.IsNullOrWhiteSpace(preferredRoot))
        {
            return chains[0];
        }

        var wanted = preferredRoot.Trim();
        return chains.FirstOrDefault(chain =>
            string.Equals(chain.Certificates[^1].GetNameInfo(X509NameType.SimpleName, forIssuer: true), wanted, StringComparison.OrdinalIgnoreCase)
            || string.Equals(chain.Certificates[^1].GetNameInfo(X509NameType.SimpleName, forIssuer: false), wanted, StringComparison.OrdinalIgnoreCase))
            ?? chains[0];
    }

    /// <summary>
    /// Asks again until <paramref name="finished"/>, waiting what the CA's Retry-After says (§7.5.1, §7.4), else
    /// doubling from a quarter second, never longer than <see cref="AcmeOptions.MaxPollIntervalSeconds"/> between polls
    /// and <see cref="AcmeOptions.MaxWaitSeconds"/> in all.
    /// </summary>
    private async Task<Result<T>> PollAsync<T>(Func<Task<Result<T>>> fetch, Func<T, bool> finished, Func<T, TimeSpan?> retryAfter, string what, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var maxWait = TimeSpan.FromSeconds(settings.MaxWaitSeconds);
        var maxInterval = TimeSpan.FromSeconds(settings.MaxPollIntervalSeconds);
        var started = timeProvider.GetUtcNow();
        var backoff = FirstPoll;
        while (true)
        {
            var result = await fetch();
            if (!result.Succeeded || finished(result.Value))
            {
                return result;
            }

            var wait = retryAfter(result.Value) is { } asked && asked > TimeSpan.Zero ? asked : backoff;
            wait = wait > maxInterval ? maxInterval : wait;
            backoff = backoff * 2 > maxInterval ? maxInterval : backoff * 2;
            if (timeProvider.GetUtcNow() - started + wait > maxWait)
            {
                return AcmeErrors.PollTimeout(what, maxWait);
            }

            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }
}
