using System.Collections.Concurrent;
using System.Security.Cryptography;
using CertManager.Core.Export;

namespace CertManager.Web.Services;

/// <summary>
/// Short-lived, single-use, user-bound tickets for downloads that carry the private key. The download page checks
/// the re-entered password and prepares the export (holding the PFX password here, in memory, never in a URL or a
/// page); the download endpoint redeems the ticket once. A ticket is 256 random bits, lives
/// <see cref="Lifetime"/>, and is burnt by any redemption attempt, even one by another user.
/// </summary>
public sealed class ExportTicketStore(TimeProvider timeProvider)
{
    /// <summary>Long enough to click Download, short enough that a leaked ticket is worthless.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Entry> _tickets = new(StringComparer.Ordinal);

    private sealed record Entry(int UserId, PreparedExport Export, DateTimeOffset Expires);

    public string Issue(int userId, PreparedExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        RemoveExpired();
        var ticket = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        _tickets[ticket] = new Entry(userId, export, timeProvider.GetUtcNow() + Lifetime);
        return ticket;
    }

    /// <summary>The prepared export, if <paramref name="ticket"/> was issued to <paramref name="userId"/>, is unused and not expired.</summary>
    public PreparedExport? Redeem(string? ticket, int? userId)
    {
        // Unused tickets hold a PFX password and the key: drop the expired ones at every use, not only at issue.
        RemoveExpired();
        if (string.IsNullOrEmpty(ticket) || !_tickets.TryRemove(ticket, out var entry))
        {
            return null;
        }

        return entry.UserId == userId && timeProvider.GetUtcNow() < entry.Expires ? entry.Export : null;
    }

    private void RemoveExpired()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (ticket, entry) in _tickets)
        {
            if (entry.Expires <= now)
            {
                _tickets.TryRemove(ticket, out _);
            }
        }
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
