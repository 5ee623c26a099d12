using CertManager.Core.Accounts;
using CertManager.Core.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CertManager.Testing;

/// <summary>Makes API tokens in a console's data directory through the same service as the profile page.</summary>
public static class ConsoleTokens
{
    /// <summary>
    /// A token of <paramref name="userName"/> with <paramref name="scopes"/>, acting as <paramref name="role"/> (default: the user's).
    /// With <paramref name="madeAt"/> in the past and a short <paramref name="lifetime"/> the token is already expired.
    /// </summary>
    public static async Task<CreatedApiToken> CreateAsync(
        string dataDirectory,
        string userName,
        IReadOnlyList<string> scopes,
        UserRole? role = null,
        DateTimeOffset? madeAt = null,
        TimeSpan? lifetime = null,
        string? name = null)
    {
        var clock = new FakeTimeProvider(madeAt ?? DateTimeOffset.UtcNow);
        var services = ConsoleSeed.CreateServices(dataDirectory, clock);
        await using (services.ConfigureAwait(false))
        {
            var user = (await services.GetRequiredService<UserAccountService>().ListAsync()).Single(u => u.UserName == userName);
            var created = await services.GetRequiredService<ApiTokenService>().CreateAsync(
                user.Id,
                new NewApiToken(name ?? $"test-{Guid.NewGuid():N}"[..20], scopes, role ?? user.Role, clock.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(30))));
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return created.Succeeded ? created.Value : throw new InvalidOperationException(created.Problems[0].Message);
        }
    }

    /// <summary>Revokes a token as its owner would on the profile page.</summary>
    public static async Task RevokeAsync(string dataDirectory, string userName, long tokenId)
    {
        var services = ConsoleSeed.CreateServices(dataDirectory);
        await using (services.ConfigureAwait(false))
        {
            var user = (await services.GetRequiredService<UserAccountService>().ListAsync()).Single(u => u.UserName == userName);
            var revoked = await services.GetRequiredService<ApiTokenService>().RevokeAsync(user.Id, tokenId, userName);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!revoked.Succeeded)
            {
                throw new InvalidOperationException(revoked.Problems[0].Message);
            }
        }
    }
}
