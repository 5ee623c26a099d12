namespace CertManager.Acme.Enrollment;

/// <summary>The "Obtain a certificate from an ACME CA" form (and <c>certman acme order</c>), as typed.</summary>
public sealed record AcmeEnrollmentForm
{
    public string? DirectoryUrl { get; init; }

    public string? Email { get; init; }

    public bool TermsOfServiceAgreed { get; init; }

    /// <summary>External Account Binding key identifier (RFC 8555 §7.3.4), for CAs that require one.</summary>
    public string? ExternalAccountKeyId { get; init; }

    /// <summary>External Account Binding HMAC key, base64url, as the CA shows it.</summary>
    public string? ExternalAccountHmacKey { get; init; }

    public string? CommonName { get; init; }

    public IReadOnlyList<string> AlternateNames { get; init; } = [];

    public int KeySize { get; init; } = Core.Csr.CsrForm.DefaultKeySize;

    /// <summary>One of <see cref="Challenges.AcmeChallengeWays.All"/>.</summary>
    public string ChallengeWay { get; init; } = Challenges.AcmeChallengeWays.HttpConsole;

    /// <summary>The root CA name of the preferred chain when the CA offers alternates (§7.4.2); empty for the default.</summary>
    public string? PreferredRoot { get; init; }
}
