using System.Text.Json;
using CertManager.Testing;

namespace CertManager.Cli.Tests.Support;

/// <summary>
/// One NIST PKITS variant from tests/CertManager.Core.Tests/TestData/pkits/manifest.json (see its README.md):
/// the certificates from the anchor's child down to the end entity (last), and the PKITS verdict.
/// </summary>
internal sealed record PkitsCase(string Variant, string Name, string TrustAnchor, string[] Certs, bool ExpectedValid, bool NeedsRevocation, bool NeedsPolicy)
{
    /// <summary>PKITS certificates must be validated at this time, never now (most expire 2030-12-31).</summary>
    public const string ValidationTime = "2011-04-15T00:00:00Z";

    public static string Directory { get; } = Path.Combine(RepositoryPaths.Root, "tests", "CertManager.Core.Tests", "TestData", "pkits");

    private static readonly JsonSerializerOptions ManifestOptions = new(JsonSerializerDefaults.Web);

    public static IReadOnlyDictionary<string, PkitsCase> All { get; } =
        JsonSerializer.Deserialize<PkitsCase[]>(File.ReadAllText(Path.Combine(Directory, "manifest.json")), ManifestOptions)!
            .ToDictionary(c => c.Variant);

    /// <summary>The 90 variants that need neither revocation checking nor policy inputs.</summary>
    public static IReadOnlyList<PkitsCase> Plain { get; } = [.. All.Values.Where(c => !c.NeedsRevocation && !c.NeedsPolicy)];

    /// <summary><c>certman verify --cert EE --chain others --trust anchor --at 2011-04-15T00:00:00Z --json</c>.</summary>
    public string[] VerifyArguments()
    {
        var arguments = new List<string> { "verify", "--cert", CertificatePath(Certs[^1]) };
        if (Certs.Length > 1)
        {
            arguments.Add("--chain");
            arguments.AddRange(Certs[..^1].Select(CertificatePath));
        }

        arguments.AddRange(["--trust", CertificatePath(TrustAnchor), "--at", ValidationTime, "--json"]);
        return [.. arguments];
    }

    private static string CertificatePath(string file) => Path.Combine(Directory, "certs", file);
}
