using System.Text.Json;

namespace CertManager.Core.Tests.Chain;

/// <summary>One NIST PKITS variant as TestData/pkits/manifest.json describes it (see its README.md).</summary>
public sealed record PkitsCase(
    string Id,
    int? Subpart,
    string Variant,
    string Name,
    string Section,
    string TrustAnchor,
    string[] Certs,
    string[] NotOnPath,
    string[] Crls,
    bool ExpectedValid,
    bool NeedsRevocation,
    bool NeedsPolicy,
    string[] InitialPolicySet,
    bool InitialExplicitPolicy,
    bool InitialPolicyMappingInhibit,
    bool InitialAnyPolicyInhibit,
    string[] ExpectedUserConstrainedPolicySet)
{
    public static readonly string Root = Path.Combine(AppContext.BaseDirectory, "TestData", "pkits");

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Every variant, by its unique <see cref="Variant"/> name.</summary>
    public static readonly IReadOnlyDictionary<string, PkitsCase> All =
        JsonSerializer.Deserialize<PkitsCase[]>(
            File.ReadAllText(Path.Combine(Root, "manifest.json")),
            JsonOptions)!
        .ToDictionary(c => c.Variant, StringComparer.Ordinal);

    /// <summary>The variants whose verdict depends on neither revocation (not checked by this console) nor policy inputs.</summary>
    public bool IsPlain => !NeedsRevocation && !NeedsPolicy;

    public string EndEntity => Certs[^1];

    public static byte[] Read(string file) => File.ReadAllBytes(Path.Combine(Root, "certs", file));
}
