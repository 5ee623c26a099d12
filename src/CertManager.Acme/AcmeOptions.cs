using System.ComponentModel.DataAnnotations;

namespace CertManager.Acme;

/// <summary>How CertManager talks to ACME CAs (configuration section <see cref="SectionName"/>).</summary>
public sealed class AcmeOptions
{
    public const string SectionName = "CertManager:Acme";

    /// <summary>How long one HTTP exchange with the CA may take before it is reported as a timeout.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How many fresh nonces one request may try after <c>badNonce</c> (RFC 8555 §6.5 asks clients to retry with the
    /// nonce from the error response).
    /// </summary>
    [Range(1, 50)]
    public int BadNonceRetries { get; set; } = 5;

    /// <summary>How long to wait for the CA to validate a challenge or issue, polling as its Retry-After says.</summary>
    [Range(5, 3600)]
    public int MaxWaitSeconds { get; set; } = 300;

    /// <summary>The longest wait between two polls, whatever Retry-After says, so progress stays visible.</summary>
    [Range(1, 600)]
    public int MaxPollIntervalSeconds { get; set; } = 10;

    /// <summary>
    /// A PEM file of CA certificates trusted for the ACME server's HTTPS besides the system's roots: an enterprise
    /// ACME CA (step-ca, EJBCA, a Windows CA with an ACME front end) usually serves HTTPS under its own root.
    /// </summary>
    public string? TrustedCertificatesFile { get; set; }
}
