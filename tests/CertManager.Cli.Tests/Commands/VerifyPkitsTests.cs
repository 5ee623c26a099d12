using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;
using CertManager.Cli.Tests.Support;
using Xunit.Abstractions;

namespace CertManager.Cli.Tests.Commands;

/// <summary>
/// NIST PKITS through the command scripts use: <c>certman verify --cert EE --chain others --trust anchor
/// --at 2011-04-15T00:00:00Z --json</c> for every variant that needs neither revocation nor policy inputs: the path
/// verdict (<c>pathValid</c>) must be PKITS's, and an invalid path must exit 3. PKITS end entities are not TLS server
/// certificates (no subjectAltName, no serverAuth), so the server certificate rules make every one of them exit 3.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class VerifyPkitsTests(ITestOutputHelper output)
{
    /// <summary>
    /// Where certman's verdict differs from PKITS, each with the measured reason and the error it reports instead.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string ErrorCode, string Reason)> KnownDeviations = new Dictionary<string, (string, string)>
    {
        // The end entity's DSA key takes its parameters from the CA's (RFC 5280 6.1.4 (j)); X509Chain on Linux
        // (OpenSSL) throws while building, which the chain doctor reports as unverifiable.
        ["4.1.5"] = ("chain.unverifiable", "DSA parameter inheritance: X509Chain.Build throws on Linux"),
    };

    public static TheoryData<string> Deviations() => [.. KnownDeviations.Keys];

    [Fact]
    public async Task Verify_PkitsPlainVariants_PathVerdictMatchesExpectedValidity()
    {
        Assert.Equal(90, PkitsCase.Plain.Count);
        var mismatches = new ConcurrentDictionary<string, string>();
        var clock = Stopwatch.StartNew();

        // One certman process per variant, two at a time: the machine has two cores.
        await Parallel.ForEachAsync(PkitsCase.Plain, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (variant, _) =>
        {
            var run = await Certman.RunAsync(PkitsCase.Directory, variant.VerifyArguments());
            var pathValid = run.StandardOutput.Length > 0 && JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("pathValid").GetBoolean();
            var agrees = pathValid == variant.ExpectedValid && (variant.ExpectedValid || run.ExitCode == 3);
            if (!agrees && !KnownDeviations.ContainsKey(variant.Variant))
            {
                mismatches[variant.Variant] = $"{variant.Variant} {variant.Name}: expected {(variant.ExpectedValid ? "a valid path" : "an invalid path and exit 3")}, got {run}";
            }
        });

        output.WriteLine($"{PkitsCase.Plain.Count} certman processes in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(mismatches.IsEmpty, string.Join("\n\n", mismatches.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Value)));
    }

    [Theory]
    [MemberData(nameof(Deviations))]
    public async Task Verify_PkitsKnownDeviation_ExitsThreeForTheMeasuredReason(string variant)
    {
        var pkits = PkitsCase.All[variant];
        var (errorCode, reason) = KnownDeviations[variant];

        var run = await Certman.RunAsync(PkitsCase.Directory, pkits.VerifyArguments());

        Assert.True(pkits.ExpectedValid, $"{variant} is listed as a deviation but PKITS expects it invalid.");
        Assert.True(run.ExitCode == 3, $"{variant} ({reason}) no longer deviates: {run}");
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.Contains(errorCode, json.RootElement.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("severity").GetString() == "error")
            .Select(p => p.GetProperty("code").GetString()));
    }
}
