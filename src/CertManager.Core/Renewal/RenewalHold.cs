using CertManager.Core.Results;

namespace CertManager.Core.Renewal;

/// <summary>
/// The one rule for a renewed certificate, whatever its source: it installs without anyone present only when its
/// certificate is set to install renewals automatically and the chain doctor has nothing to say
/// (<see cref="Install.CertificateHandoff.ReasonsToHold"/>); otherwise it is held for an administrator with the reason.
/// </summary>
public static class RenewalHold
{
    /// <summary>Why the renewal is held, in words, or null when it installs now.</summary>
    public static string? Why(bool autoInstall, IReadOnlyList<Problem> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        if (!autoInstall)
        {
            return "this certificate is set to wait for confirmation";
        }

        return reasons.Count > 0 ? $"the chain doctor reported: {string.Join(" ", reasons.Select(r => r.Message))}" : null;
    }

    /// <summary>The outcome the tab shows for a held renewal.</summary>
    public static string Outcome(string why) => $"Renewed, held: {why} Review and install it on the Web Server tab.";

    /// <summary>The event text for a held renewal.</summary>
    public static string EventText(IReadOnlyList<string> names, string why) => $"The renewed certificate for {string.Join(", ", names)} was not installed automatically: {why}";
}
