namespace CertManager.Scep.Protocol;

/// <summary>
/// What a CA said it can do in its GetCACaps answer (RFC 8894 §3.5.2): one keyword per line, case-insensitive,
/// unknown keywords ignored. <c>SCEPStandard</c> implies AES, POSTPKIOperation and SHA-256 (§3.5.2).
/// </summary>
public sealed record ScepCapabilities(IReadOnlyList<string> Keywords)
{
    private bool Has(string keyword) => Keywords.Contains(keyword, StringComparer.OrdinalIgnoreCase);

    public bool ScepStandard => Has("SCEPStandard");

    public bool PostPkiOperation => ScepStandard || Has("POSTPKIOperation");

    public bool Aes => ScepStandard || Has("AES");

    public bool TripleDes => Has("DES3");

    public bool Sha256 => ScepStandard || Has("SHA-256");

    public bool Sha512 => Has("SHA-512");

    public bool Renewal => Has("Renewal");

    public static ScepCapabilities Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var keywords = body.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(k => k.Length > 0)
            .ToList();
        return new ScepCapabilities(keywords);
    }
}
