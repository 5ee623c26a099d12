using ARSoft.Tools.Net.Dns;

namespace CertManager.Acme.Challenges.Dns;

/// <summary>The TSIG algorithms (RFC 8945 §6) by the names BIND's <c>tsig-keygen -a</c> and key files use.</summary>
public static class TsigAlgorithms
{
    public const string Default = "hmac-sha256";

    private static readonly Dictionary<string, TSigAlgorithm> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hmac-sha256"] = TSigAlgorithm.Sha256,
        ["hmac-sha384"] = TSigAlgorithm.Sha384,
        ["hmac-sha512"] = TSigAlgorithm.Sha512,
        ["hmac-sha224"] = TSigAlgorithm.Sha224,
        // RFC 8945 §6: still required to be understood, no longer recommended.
        ["hmac-sha1"] = TSigAlgorithm.Sha1,
        ["hmac-md5"] = TSigAlgorithm.Md5,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    internal static bool TryGet(string? name, out TSigAlgorithm algorithm) =>
        ByName.TryGetValue(name?.Trim().TrimEnd('.').Replace(".sig-alg.reg.int", string.Empty, StringComparison.OrdinalIgnoreCase) ?? string.Empty, out algorithm);
}
