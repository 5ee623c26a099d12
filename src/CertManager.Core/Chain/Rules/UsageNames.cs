using System.Security.Cryptography;

namespace CertManager.Core.Chain.Rules;

/// <summary>Extended Key Usage purposes as people know them ("client authentication"), for messages.</summary>
internal static class UsageNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["1.3.6.1.5.5.7.3.1"] = "TLS server authentication",
        ["1.3.6.1.5.5.7.3.2"] = "TLS client authentication",
        ["1.3.6.1.5.5.7.3.3"] = "code signing",
        ["1.3.6.1.5.5.7.3.4"] = "email protection",
        ["1.3.6.1.5.5.7.3.8"] = "time stamping",
        ["1.3.6.1.5.5.7.3.9"] = "OCSP signing",
        ["2.5.29.37.0"] = "any purpose",
    };

    public static string Describe(IReadOnlyList<string> oids) =>
        oids.Count == 0 ? "no purpose at all" : string.Join(", ", oids.Select(o => Names.GetValueOrDefault(o, new Oid(o).FriendlyName ?? o)));
}
