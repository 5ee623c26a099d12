namespace CertManager.Acme.Protocol;

/// <summary>RFC 9773 §4.2 <c>suggestedWindow</c>: renew at a time chosen uniformly at random in [start, end).</summary>
public sealed record AcmeRenewalWindow(DateTimeOffset Start, DateTimeOffset End);
