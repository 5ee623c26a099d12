namespace CertManager.Acme.Protocol;

/// <summary>An identifier object (RFC 8555 §7.1.3, §9.7.7): type <c>dns</c> (or <c>ip</c>, RFC 8738) and its value.</summary>
public sealed record AcmeIdentifier(string Type, string Value)
{
    public static AcmeIdentifier Dns(string name) => new("dns", name);
}
