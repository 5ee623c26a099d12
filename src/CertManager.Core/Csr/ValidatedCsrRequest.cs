using CertManager.Core.Details;

namespace CertManager.Core.Csr;

/// <summary>
/// A CSR form that passed validation, normalised: blank fields left out, country upper-cased, names in their
/// encoded (A-label) form. <see cref="Subject"/> and <see cref="AlternateNames"/> are the preview: exactly what
/// the request will carry. Only <see cref="CsrRequestValidator"/> makes one.
/// </summary>
public sealed record ValidatedCsrRequest
{
    internal ValidatedCsrRequest()
    {
    }

    /// <summary>The form as it will be remembered for next time: trimmed, country upper-cased, blank entries removed.</summary>
    public CsrForm Form { get; internal init; } = new();

    public string? Country { get; internal init; }

    public string? State { get; internal init; }

    public string? Locality { get; internal init; }

    public string? Organization { get; internal init; }

    public string? OrganizationalUnit { get; internal init; }

    /// <summary>The common name as encoded: lower case, internationalized labels as A-labels (xn--).</summary>
    public string CommonName { get; internal init; } = string.Empty;

    /// <summary>The subject in encoded order, e.g. <c>C=CA, ST=Ontario, L=Toronto, O=Example Inc., OU=IT, CN=server.example.com</c>.</summary>
    public string Subject { get; internal init; } = string.Empty;

    /// <summary>The subjectAltName entries in request order: the common name first, duplicates removed.</summary>
    public IReadOnlyList<SubjectAlternativeName> AlternateNames { get; internal init; } = [];

    public int KeySize { get; internal init; }

    public CsrHashAlgorithm Hash { get; internal init; }
}
