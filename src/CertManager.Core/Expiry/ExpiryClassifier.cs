using Microsoft.Extensions.Options;

namespace CertManager.Core.Expiry;

/// <summary>Turns a certificate's notAfter into an <see cref="ExpiryLevel"/> at the current time.</summary>
public sealed class ExpiryClassifier(IOptions<ExpiryOptions> options, TimeProvider timeProvider)
{
    public ExpiryLevel Classify(DateTimeOffset notAfter) => Classify(notAfter, timeProvider.GetUtcNow());

    public ExpiryLevel Classify(DateTimeOffset notAfter, DateTimeOffset now)
    {
        var remaining = notAfter - now;
        var thresholds = options.Value;
        if (remaining <= TimeSpan.Zero)
        {
            return ExpiryLevel.Major;
        }

        if (remaining < thresholds.MinorBefore)
        {
            return ExpiryLevel.Minor;
        }

        return remaining < thresholds.WarningBefore ? ExpiryLevel.Warning : ExpiryLevel.Ok;
    }
}
