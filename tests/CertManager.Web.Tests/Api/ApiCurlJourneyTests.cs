using System.Diagnostics;
using CertManager.Core.Tokens;
using CertManager.Testing;

namespace CertManager.Web.Tests.Api;

/// <summary>
/// scripts/api-journey.sh against the real console: curl alone creates a CSR, uploads the certificate openssl signed,
/// confirms the warnings, installs, sees it presented over TLS and exports a PFX that openssl reads.
/// </summary>
public sealed class ApiCurlJourneyTests
{
    [Fact]
    public async Task Journey_CurlOnly_InstallsPresentsAndExportsPfx()
    {
        using var pki = new TestPki("Journey");
        using var data = new TempDirectory("certmanager-api-journey");
        await ConsoleSeed.AddUsersAsync(data.Path, [ConsoleSeed.Administrator, ConsoleSeed.Operator]);
        var writer = await ConsoleTokens.CreateAsync(data.Path, ConsoleSeed.Administrator.UserName, [ApiScopes.CertificateRead, ApiScopes.CertificateWrite]);
        var exporter = await ConsoleTokens.CreateAsync(data.Path, ConsoleSeed.Operator.UserName, [ApiScopes.CertificateRead, ApiScopes.ExportKey]);
        var bundle = pki.File("bundle.pem");
        await File.WriteAllTextAsync(bundle, pki.IntermediatePem + pki.RootPem);
        await using var console = await ConsoleProcess.StartAsync(data.Path);

        var (exitCode, output) = await RunAsync(Path.Combine(RepositoryPaths.Root, "scripts", "api-journey.sh"), new Dictionary<string, string>
        {
            ["CM_URL"] = console.BaseAddress.ToString().TrimEnd('/'),
            ["CM_TOKEN"] = writer.Value,
            ["CM_KEY_TOKEN"] = exporter.Value,
            ["CM_NAME"] = "console.example.test",
            ["CA_CERT"] = pki.IntermediatePath,
            ["CA_KEY"] = pki.File("intermediate.key"),
            ["CA_BUNDLE"] = bundle,
        });

        Assert.True(exitCode == 0, output);
        Assert.Contains("chain.root-untrusted", output, StringComparison.Ordinal);
        Assert.Contains("\njourney complete\n", output, StringComparison.Ordinal);
        // The referee: the console's own port presents what openssl issued, with the intermediate.
        var presented = TlsProbe.GetPresentedChainWithOpenSsl(console.Port, "console.example.test");
        Assert.Equal(2, presented.Count);
        Assert.Equal(pki.IntermediatePem.Trim(), presented[1].ExportCertificatePem().Trim());
        Assert.Contains("CN=console.example.test", presented[0].Subject, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + "\n" + await error);
    }
}
