namespace CertManager.Acme.Protocol;

/// <summary>
/// An ACME error (RFC 8555 §6.7): an RFC 7807 problem document, <c>application/problem+json</c>, with a type in the
/// <c>urn:ietf:params:acme:error:</c> namespace and, for orders over several names, subproblems (§6.7.1).
/// </summary>
public sealed record AcmeProblemDocument
{
    public const string Namespace = "urn:ietf:params:acme:error:";

    public string? Type { get; init; }

    public string? Title { get; init; }

    public string? Detail { get; init; }

    public int? Status { get; init; }

    public IReadOnlyList<AcmeProblemDocument>? Subproblems { get; init; }

    public AcmeIdentifier? Identifier { get; init; }

    /// <summary>The ACME error name without the namespace (e.g. <c>badNonce</c>), or the full type for other URNs.</summary>
    public string ShortType => Type is { } type && type.StartsWith(Namespace, StringComparison.Ordinal) ? type[Namespace.Length..] : Type ?? string.Empty;
}
