using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Chain;

/// <summary>How to validate: which roots to trust (default: the console's trust store) and at what time (default: now).</summary>
public sealed record ChainValidationOptions
{
    /// <summary>When set, only these roots are trusted (<c>certman verify --trust</c>).</summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    /// <summary>When set, validate at this time instead of now (<c>certman verify --at</c>).</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Names the server certificate should cover; the console's host name when empty.</summary>
    public IReadOnlyList<string> HostNames { get; init; } = [];

    /// <summary>
    /// Whether a name in <see cref="HostNames"/> that the certificate does not cover is an error (<c>certman verify --host</c>:
    /// the script asks "is this valid for that name?") rather than a warning (the console's own name, which users may not use).
    /// </summary>
    public bool HostNamesRequired { get; init; }
}
