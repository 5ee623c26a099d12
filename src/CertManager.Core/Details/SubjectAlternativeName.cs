namespace CertManager.Core.Details;

public enum AlternativeNameKind
{
    Dns,
    IpAddress,
    Email,
    Uri,
}

/// <summary>One subjectAltName entry (RFC 5280 4.2.1.6).</summary>
public sealed record SubjectAlternativeName(AlternativeNameKind Kind, string Value)
{
    public override string ToString() => Kind switch
    {
        AlternativeNameKind.Dns => $"DNS:{Value}",
        AlternativeNameKind.IpAddress => $"IP:{Value}",
        AlternativeNameKind.Email => $"email:{Value}",
        _ => $"URI:{Value}",
    };
}
