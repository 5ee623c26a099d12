namespace CertManager.Core.Alerts;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP, e.g. a relay on localhost (port 25).</summary>
    None = 0,

    /// <summary>Plain connection upgraded with STARTTLS (RFC 3207), usually port 587.</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte ("implicit TLS", RFC 8314), usually port 465.</summary>
    Tls = 2,
}
