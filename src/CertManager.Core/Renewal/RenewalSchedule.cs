namespace CertManager.Core.Renewal;

/// <summary>
/// When a certificate the console obtained itself should be renewed: inside the CA's suggested window when the CA
/// offers ACME Renewal Information (RFC 9773 §4.2: a uniformly random time in [start, end), at once when the window
/// has passed), otherwise at two thirds of the certificate's lifetime, the point Let's Encrypt and certbot use.
/// </summary>
public static class RenewalSchedule
{
    /// <summary>Two thirds of the lifetime: 60 days into a 90-day certificate, 133 into a 200-day one.</summary>
    public static RenewalDecision TwoThirds(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var due = notBefore + ((notAfter - notBefore) * 2 / 3);
        return new RenewalDecision(due, $"two thirds of its lifetime (valid {notBefore.UtcDateTime:yyyy-MM-dd} to {notAfter.UtcDateTime:yyyy-MM-dd})");
    }

    /// <summary>
    /// Inside the CA's window: <paramref name="fraction"/> in [0, 1) picks the point (random in production, so that
    /// many clients do not renew at the same second).
    /// </summary>
    public static RenewalDecision InWindow(DateTimeOffset start, DateTimeOffset end, double fraction, DateTimeOffset now)
    {
        if (end <= now)
        {
            return new RenewalDecision(now, $"the CA's renewal window ended {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC (ACME Renewal Information)");
        }

        var due = start + ((end - start) * Math.Clamp(fraction, 0, 1));
        return new RenewalDecision(due < now ? now : due, $"the CA's suggested renewal window {start.UtcDateTime:yyyy-MM-dd HH:mm} to {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC (ACME Renewal Information)");
    }
}
