namespace CertManager.Acme.Issuance;

/// <summary>One step reached: for the page's progress list and for keeping the order URL across restarts.</summary>
public sealed record AcmeProgress(AcmeStep Step, Uri OrderUrl, string? Identifier = null);
