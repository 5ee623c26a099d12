using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CertManager.Core.Accounts;
using CertManager.Core.Events;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Tokens;

/// <summary>
/// API tokens: made by a user for their scripts, shown once, stored as SHA-256 of a 256-bit random secret, revocable.
/// A token reads <c>cm_&lt;public id&gt;_&lt;secret&gt;</c>; the public id finds the row, the secret's hash is compared
/// in constant time. Every change and (once per window) every use is an event naming the user and the token.
/// </summary>
public sealed class ApiTokenService(
    IDbContextFactory<CertManagerDbContext> contextFactory,
    UserAccountService accounts,
    EventRecorder events,
    IOptions<TokenOptions> options,
    TimeProvider timeProvider)
{
    public const string EventSource = "api-tokens";
    private const string Prefix = "cm_";
    private const int PublicIdLength = 12;

    public async Task<Result<CreatedApiToken>> CreateAsync(int userId, NewApiToken request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owner = await accounts.FindAsync(userId, cancellationToken);
        if (owner is null or { IsDisabled: true })
        {
            return AccountErrors.Disabled;
        }

        var name = request.Name?.Trim() ?? string.Empty;
        var scopes = request.Scopes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var now = timeProvider.GetUtcNow();
        var problems = Validate(name, scopes, request.Role, owner.Role, request.Expires, now);
        if (problems.Count > 0)
        {
            return Result<CreatedApiToken>.Failure(problems);
        }

        var publicId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9));
        var secret = RandomNumberGenerator.GetBytes(32);
        var token = new ApiToken
        {
            PublicId = publicId,
            SecretSha256 = SHA256.HashData(Encoding.ASCII.GetBytes(Base64Url.EncodeToString(secret))),
            UserId = owner.Id,
            Name = name,
            Scopes = string.Join(' ', ApiScopes.All.Where(scopes.Contains)),
            Role = request.Role,
            Created = now,
            Expires = request.Expires,
        };
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            context.ApiTokens.Add(token);
            await context.SaveChangesAsync(cancellationToken);
        }

        await events.RecordAsync(
            EventSeverity.Info,
            EventSource,
            $"API token #{token.Id} '{name}' created for {owner.UserName} acting as {request.Role} with scopes {token.Scopes.Replace(' ', ',')}, expiring {request.Expires:yyyy-MM-dd HH:mm} UTC.",
            owner.UserName,
            cancellationToken: cancellationToken);
        return Result<CreatedApiToken>.Success(new CreatedApiToken(token.ToSummary(), $"{Prefix}{publicId}_{Base64Url.EncodeToString(secret)}"));
    }

    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await context.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return [.. tokens.Select(t => t.ToSummary())];
    }

    /// <summary>Revokes one of <paramref name="userId"/>'s tokens; it is refused from the next request on.</summary>
    public async Task<Result<ApiTokenSummary>> RevokeAsync(int userId, long tokenId, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var token = await context.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return TokenErrors.NotFound;
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = timeProvider.GetUtcNow();
            token.RevokedBy = actor;
            await context.SaveChangesAsync(cancellationToken);
            await events.RecordAsync(EventSeverity.Info, EventSource, $"API token #{token.Id} '{token.Name}' revoked.", actor, cancellationToken: cancellationToken);
        }

        return Result<ApiTokenSummary>.Success(token.ToSummary());
    }

    /// <summary>
    /// The token <paramref name="presented"/> stands for, when it is known, unrevoked, unexpired and its owner enabled;
    /// records its use (last use, and an event at most once per <see cref="TokenOptions.UseEventWindow"/>).
    /// </summary>
    public async Task<Result<AuthenticatedToken>> AuthenticateAsync(string presented, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        if (!TryParse(presented, out var publicId, out var secret))
        {
            return TokenErrors.Invalid;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var token = await context.ApiTokens.SingleOrDefaultAsync(t => t.PublicId == publicId, cancellationToken);
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(secret));
        var now = timeProvider.GetUtcNow();
        if (token is null || !CryptographicOperations.FixedTimeEquals(hash, token.SecretSha256) || token.RevokedAt is not null || token.Expires <= now)
        {
            return TokenErrors.Invalid;
        }

        var owner = await accounts.FindAsync(token.UserId, cancellationToken);
        if (owner is null or { IsDisabled: true })
        {
            return TokenErrors.Invalid;
        }

        var authenticated = new AuthenticatedToken(
            token.Id,
            token.Name,
            owner.Id,
            owner.UserName,
            ApiScopes.Lesser(token.Role, owner.Role),
            [.. token.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        await RecordUseAsync(context, token, authenticated, remoteAddress, now, cancellationToken);
        return Result<AuthenticatedToken>.Success(authenticated);
    }

    private async Task RecordUseAsync(CertManagerDbContext context, ApiToken token, AuthenticatedToken authenticated, string? remoteAddress, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var recordEvent = token.LastUseRecordedAt is not { } recorded || now - recorded >= settings.UseEventWindow;
        if (!recordEvent && token.LastUsedAt is { } last && now - last < settings.LastUseResolution && token.LastUsedFrom == remoteAddress)
        {
            return;
        }

        token.LastUsedAt = now;
        token.LastUsedFrom = remoteAddress;
        if (recordEvent)
        {
            token.LastUseRecordedAt = now;
        }

        await context.SaveChangesAsync(cancellationToken);
        if (recordEvent)
        {
            await events.RecordAsync(
                EventSeverity.Info,
                EventSource,
                $"API token #{token.Id} '{token.Name}' used from {remoteAddress ?? "an unknown address"} (recorded once per {settings.UseEventWindow.TotalMinutes:0} minutes of use).",
                authenticated.Actor,
                cancellationToken: cancellationToken);
        }
    }

    private List<Problem> Validate(string name, List<string> scopes, UserRole role, UserRole ownerRole, DateTimeOffset expires, DateTimeOffset now)
    {
        var problems = new List<Problem>();
        if (name.Length is 0 or > TokenErrors.MaxNameLength || name.Any(char.IsControl))
        {
            problems.Add(TokenErrors.NameInvalid);
        }

        if (!ApiScopes.IsAtMost(role, ownerRole))
        {
            problems.Add(TokenErrors.RoleAboveOwner(role, ownerRole));
        }

        if (scopes.Count == 0)
        {
            problems.Add(TokenErrors.NoScopes);
        }

        foreach (var scope in scopes)
        {
            if (!ApiScopes.Roles.TryGetValue(scope, out var roles))
            {
                problems.Add(TokenErrors.UnknownScope(scope));
            }
            else if (!roles.Contains(role))
            {
                problems.Add(TokenErrors.ScopeNotAllowed(scope, role));
            }
        }

        var maxDays = options.Value.MaxLifetimeDays;
        if (expires <= now || expires > now.AddDays(maxDays))
        {
            problems.Add(TokenErrors.ExpiryInvalid(maxDays));
        }

        return problems;
    }

    private static bool TryParse(string presented, out string publicId, out string secret)
    {
        publicId = secret = string.Empty;
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length > 128)
        {
            return false;
        }

        // The public id is 12 base64url characters (9 random bytes), which may themselves hold '_': split at that length.
        var rest = presented[Prefix.Length..];
        if (rest.Length < PublicIdLength + 2 || rest[PublicIdLength] != '_')
        {
            return false;
        }

        publicId = rest[..PublicIdLength];
        secret = rest[(PublicIdLength + 1)..];
        return secret.Length > 0;
    }
}
