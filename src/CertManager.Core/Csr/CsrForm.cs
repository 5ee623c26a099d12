namespace CertManager.Core.Csr;

/// <summary>
/// What the administrator enters to generate a certificate signing request, as typed: the validator trims and
/// normalises it (<see cref="CsrRequestValidator"/>). Blank subject fields are left out of the subject; the
/// common name is required and is always the first alternate name.
/// </summary>
public sealed record CsrForm
{
    /// <summary>RSA 2048 is the default: accepted everywhere and fast to generate.</summary>
    public const int DefaultKeySize = 2048;

    /// <summary>The RSA key sizes the form offers, smallest first.</summary>
    public static IReadOnlyList<int> KeySizes { get; } = [2048, 3072, 4096];

    /// <summary>
    /// The ECDSA curves the form offers when the console installs ECDSA certificates, by size: P-256 and P-384, the
    /// curves every browser accepts (Mozilla Root Store Policy §5.1). A key size of 256 or 384 means ECDSA.
    /// </summary>
    public static IReadOnlyList<int> EcdsaCurveSizes { get; } = [256, 384];

    /// <summary>True when <paramref name="keySize"/> names an ECDSA curve rather than an RSA modulus size.</summary>
    public static bool IsEcdsa(int keySize) => EcdsaCurveSizes.Contains(keySize);

    /// <summary>How the form names a key choice: "RSA 2048", "ECDSA P-256".</summary>
    public static string KeyLabel(int keySize) =>
        IsEcdsa(keySize) ? $"ECDSA P-{keySize.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : $"RSA {keySize.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Every key choice the form offers, RSA first; ECDSA only when the console installs it.</summary>
    public static IReadOnlyList<int> KeyChoices(bool allowEcdsa) => allowEcdsa ? [.. KeySizes, .. EcdsaCurveSizes] : KeySizes;

    /// <summary>ISO 3166-1 alpha-2 code (C), e.g. CA; lower case is accepted.</summary>
    public string? Country { get; init; }

    /// <summary>State or province (ST), spelled out, e.g. Ontario.</summary>
    public string? State { get; init; }

    /// <summary>City or locality (L), spelled out, e.g. Toronto.</summary>
    public string? Locality { get; init; }

    /// <summary>Organization (O), e.g. Example Inc.</summary>
    public string? Organization { get; init; }

    /// <summary>Organizational unit (OU), e.g. IT.</summary>
    public string? OrganizationalUnit { get; init; }

    /// <summary>Common name (CN): the server's fully qualified name, or a wildcard such as *.example.com.</summary>
    public string? CommonName { get; init; }

    /// <summary>Further DNS names and IP addresses, one per entry; blank entries are ignored.</summary>
    public IReadOnlyList<string> AlternateNames { get; init; } = [];

    /// <summary>RSA key size in bits (one of <see cref="KeySizes"/>), or an ECDSA curve size (<see cref="EcdsaCurveSizes"/>).</summary>
    public int KeySize { get; init; } = DefaultKeySize;

    public CsrHashAlgorithm Hash { get; init; } = CsrHashAlgorithm.Sha256;
}
