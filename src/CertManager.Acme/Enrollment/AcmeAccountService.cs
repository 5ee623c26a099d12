using System.Security.Cryptography;
using CertManager.Acme.Protocol;
using CertManager.Core.Enrollment;
using CertManager.Core.Events;
using CertManager.Core.Results;

namespace CertManager.Acme.Enrollment;

/// <summary>
/// CertManager's accounts at ACME CAs: one ECDSA P-256 key per directory URL, created on first use, stored encrypted
/// like every private key, and reused for every later order; rotated by key rollover (RFC 8555 §7.3.5) and
/// deactivated (§7.3.6) on request. Each change is an event (source <c>acme</c>).
/// </summary>
public sealed class AcmeAccountService(AcmeClient client, AcmeStore store, EventRecorder events, TimeProvider timeProvider)
{
    public const string EventSource = "acme";

    /// <summary>
    /// The stored account of the directory, or a new one registered with <paramref name="registration"/>. The caller
    /// disposes the session's key.
    /// </summary>
    public async Task<Result<AcmeSession>> EnsureAccountAsync(Uri directoryUrl, AcmeRegistration registration, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directoryUrl);
        var directory = await client.GetDirectoryAsync(directoryUrl, cancellationToken);
        if (!directory.Succeeded)
        {
            return Result<AcmeSession>.Failure(directory.Problems);
        }

        using (var stored = await store.FindAccountAsync(directoryUrl, cancellationToken))
        {
            if (stored is { Status: "valid" })
            {
                return Result<AcmeSession>.Success(new AcmeSession(directoryUrl, directory.Value, AcmeAccountKey.FromPkcs8(stored.KeyPkcs8), stored.AccountUrl));
            }
        }

        var key = AcmeAccountKey.Create();
        var account = await client.RegisterAsync(directory.Value, key, registration, cancellationToken);
        if (!account.Succeeded)
        {
            key.Dispose();
            return Result<AcmeSession>.Failure(account.Problems);
        }

        var pkcs8 = key.ExportPkcs8();
        try
        {
            await store.SaveAccountAsync(directoryUrl, account.Value.Location!, pkcs8, registration.Emails, "valid", actor, timeProvider.GetUtcNow(), cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        await events.RecordAsync(EventSeverity.Info, EventSource, $"ACME account {account.Value.Location} created at {directoryUrl.Authority}{(registration.ExternalAccountKeyId is { Length: > 0 } ? " with External Account Binding" : string.Empty)}.", actor, null, cancellationToken);
        return Result<AcmeSession>.Success(new AcmeSession(directoryUrl, directory.Value, key, account.Value.Location!));
    }

    /// <summary>The stored account of the directory; <c>acme.no-account</c> when none was registered. Dispose the key.</summary>
    public async Task<Result<AcmeSession>> OpenAsync(Uri directoryUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directoryUrl);
        using var stored = await store.FindAccountAsync(directoryUrl, cancellationToken);
        if (stored is not { Status: "valid" })
        {
            return Problem.Error("acme.no-account", $"CertManager has no active account at {directoryUrl}.", "Register an account first (the order form does it, or 'certman acme register').");
        }

        var directory = await client.GetDirectoryAsync(directoryUrl, cancellationToken);
        return directory.Succeeded
            ? Result<AcmeSession>.Success(new AcmeSession(directoryUrl, directory.Value, AcmeAccountKey.FromPkcs8(stored.KeyPkcs8), stored.AccountUrl))
            : Result<AcmeSession>.Failure(directory.Problems);
    }

    /// <summary>§7.3.5: a new account key; the old one stops working at the CA and is forgotten here.</summary>
    public async Task<Result<AcmeAccount>> RolloverKeyAsync(Uri directoryUrl, string actor, CancellationToken cancellationToken = default)
    {
        var session = await OpenAsync(directoryUrl, cancellationToken);
        if (!session.Succeeded)
        {
            return Result<AcmeAccount>.Failure(session.Problems);
        }

        using var oldKey = session.Value.Key;
        using var newKey = AcmeAccountKey.Create();
        var rolled = await client.RolloverKeyAsync(session.Value, newKey, cancellationToken);
        if (rolled.Succeeded)
        {
            var pkcs8 = newKey.ExportPkcs8();
            try
            {
                await store.ReplaceAccountKeyAsync(directoryUrl, pkcs8, cancellationToken);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pkcs8);
            }

            await events.RecordAsync(EventSeverity.Info, EventSource, $"ACME account key of {session.Value.AccountUrl} rotated (key rollover).", actor, null, cancellationToken);
        }

        return rolled;
    }

    /// <summary>§7.3.6: deactivates the account for good; the next order registers a new one.</summary>
    public async Task<Result<AcmeAccount>> DeactivateAsync(Uri directoryUrl, string actor, CancellationToken cancellationToken = default)
    {
        var session = await OpenAsync(directoryUrl, cancellationToken);
        if (!session.Succeeded)
        {
            return Result<AcmeAccount>.Failure(session.Problems);
        }

        using var key = session.Value.Key;
        var deactivated = await client.DeactivateAccountAsync(session.Value, cancellationToken);
        if (deactivated.Succeeded)
        {
            await store.SetAccountStatusAsync(directoryUrl, "deactivated", cancellationToken);
            await events.RecordAsync(EventSeverity.Info, EventSource, $"ACME account {session.Value.AccountUrl} deactivated.", actor, null, cancellationToken);
        }

        return deactivated;
    }
}
