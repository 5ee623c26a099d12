using System.Security.Cryptography.X509Certificates;
using CertManager.Acme.Challenges;
using CertManager.Acme.Enrollment;
using CertManager.Acme.Tests.Support;
using CertManager.Core.Certificates;
using CertManager.Core.Enrollment;
using CertManager.Core.Trust;
using CertManager.Testing;

namespace CertManager.Acme.Tests.Enrollment;

/// <summary>
/// The console's ACME enrollment against pebble: the account kept once per directory, encrypted; dns-01 through a
/// hook command (a script calling pebble-challtestsrv's API, as a DNS provider's would be); the issued chain
/// through the chain doctor and the atomic install.
/// </summary>
public sealed class AcmeEnrollmentServiceTests(PebbleWithDns peers) : IClassFixture<PebbleWithDns>
{
    [Fact]
    public async Task EnsureAccount_Twice_RegistersOnceAndKeepsTheKeyEncrypted()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        var accounts = host.Get<AcmeAccountService>();
        var registration = new AcmeRegistration(["ops@example.test"], true);

        var first = await accounts.EnsureAccountAsync(peers.Pebble.DirectoryUrl, registration, "test");
        var second = await accounts.EnsureAccountAsync(peers.Pebble.DirectoryUrl, registration, "test");

        Assert.True(first.Succeeded, AcmeTestHost.Describe(first.Problems));
        using var firstKey = first.Value.Key;
        using var secondKey = second.Value.Key;
        Assert.Equal(first.Value.AccountUrl, second.Value.AccountUrl);
        Assert.Equal(firstKey.Thumbprint, secondKey.Thumbprint);
        using var ecdsa = System.Security.Cryptography.ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(firstKey.ExportPkcs8(), out _);
        var secret = ecdsa.ExportParameters(includePrivateParameters: true).D!;
        foreach (var file in Directory.GetFiles(host.DataDirectory, "certmanager.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(secret));
        }
    }

    [Fact]
    public async Task Obtain_EcdsaP384Allowed_CsrKeyIsEcdsaAndTheCertificateInstalls()
    {
        using var work = new TempDirectory();
        var hook = WriteDnsHook(work, log: null);
        using var host = new AcmeTestHost(peers.Pebble, new Dictionary<string, string?>
        {
            ["CertManager:Acme:Challenges:DnsHook:FileName"] = hook,
            ["CertManager:Install:AllowedKeyAlgorithms:0"] = "ECDSA",
        });
        using var root = X509Certificate2.CreateFromPem(await peers.Pebble.GetRootPemAsync());
        Assert.True((await host.Get<TrustStore>().AddRootAsync(root, "test")).Succeeded);
        var form = new AcmeEnrollmentForm
        {
            DirectoryUrl = peers.Pebble.DirectoryUrl.AbsoluteUri,
            Email = "ops@example.test",
            TermsOfServiceAgreed = true,
            CommonName = "ecdsa.example.test",
            KeySize = 384,
            ChallengeWay = AcmeChallengeWays.DnsHook,
        };
        Assert.Equal("csr.key-size-ecdsa-not-allowed", Assert.Single(AcmeEnrollmentService.Validate(form).Problems).Code);
        var request = AcmeEnrollmentService.Validate(form, allowEcdsa: true);
        Assert.True(request.Succeeded, AcmeTestHost.Describe(request.Problems));
        var service = host.Get<AcmeEnrollmentService>();

        var obtained = await service.ObtainAsync(request.Value, "test");

        Assert.True(obtained.Succeeded, AcmeTestHost.Describe(obtained.Problems) + "\n" + peers.Pebble.Output);
        using var enrollment = obtained.Value;
        var installed = await service.InstallAsync(enrollment, warningsConfirmed: true, "test");
        Assert.True(installed.Succeeded, AcmeTestHost.Describe(installed.Problems.Concat(enrollment.Report.Problems).ToList()));
        using var presentedKey = host.Get<ServerCertificateProvider>().Current.Certificate.GetECDsaPrivateKey();
        Assert.NotNull(presentedKey);
        Assert.Equal(384, presentedKey.KeySize);
    }

    [Fact]
    public async Task Obtain_DnsHook_IssuesAndInstallsThroughTheChainDoctor()
    {
        using var work = new TempDirectory();
        var hook = WriteDnsHook(work, work.File("calls.log"));
        using var host = new AcmeTestHost(peers.Pebble, new Dictionary<string, string?> { ["CertManager:Acme:Challenges:DnsHook:FileName"] = hook });
        using var root = X509Certificate2.CreateFromPem(await peers.Pebble.GetRootPemAsync());
        Assert.True((await host.Get<TrustStore>().AddRootAsync(root, "test")).Succeeded);
        var service = host.Get<AcmeEnrollmentService>();
        var request = AcmeEnrollmentService.Validate(new AcmeEnrollmentForm
        {
            DirectoryUrl = peers.Pebble.DirectoryUrl.AbsoluteUri,
            Email = "ops@example.test",
            TermsOfServiceAgreed = true,
            CommonName = "console.example.test",
            ChallengeWay = AcmeChallengeWays.DnsHook,
        });
        Assert.True(request.Succeeded, AcmeTestHost.Describe(request.Problems));

        var obtained = await service.ObtainAsync(request.Value, "test");

        Assert.True(obtained.Succeeded, AcmeTestHost.Describe(obtained.Problems) + "\n" + peers.Pebble.Output);
        using var enrollment = obtained.Value;
        Assert.False(enrollment.Report.HasErrors, AcmeTestHost.Describe(enrollment.Report.Problems));
        var installed = await service.InstallAsync(enrollment, warningsConfirmed: true, "test");
        Assert.True(installed.Succeeded, AcmeTestHost.Describe(installed.Problems));
        var presented = host.Get<ServerCertificateProvider>().Current;
        Assert.Contains("Pebble Intermediate", presented.Certificate.Issuer, StringComparison.Ordinal);
        Assert.Equal(["add _acme-challenge.console.example.test", "remove _acme-challenge.console.example.test"], File.ReadAllLines(work.File("calls.log")));
        var order = await host.Get<AcmeStore>().GetOrderAsync(enrollment.OrderId);
        Assert.Equal(AcmeOrderStatus.Installed, order!.Status);
        Assert.Equal("Downloaded", order.LastStep);
        Assert.Null(await host.Get<AcmeStore>().LoadCertificateKeyAsync(enrollment.OrderId));
    }

    [Fact]
    public void Validate_EabKeyIdWithoutHmacAndUnknownChallenge_ReportsBoth()
    {
        var request = AcmeEnrollmentService.Validate(new AcmeEnrollmentForm
        {
            DirectoryUrl = "https://acme.example/directory",
            ExternalAccountKeyId = "kid-1",
            CommonName = "console.example.test",
            ChallengeWay = "tls-alpn-01",
        });

        Assert.Equal(["acme.eab-incomplete", "acme.challenge-way-invalid"], request.Problems.Select(p => p.Code));
    }

    /// <summary>A DNS provider's API, called by a hook as an administrator would write one: here challtestsrv's.</summary>
    private string WriteDnsHook(TempDirectory work, string? log)
    {
        var hook = work.File("dns-hook.sh");
        var logLine = log is null ? string.Empty : $"echo \"$1 $2\" >> {log}\n";
        File.WriteAllText(hook, $"#!/bin/sh\nset -e\nif [ \"$1\" = add ]; then path=set-txt; else path=clear-txt; fi\ncurl -sf -X POST -d \"{{\\\"host\\\":\\\"$2.\\\",\\\"value\\\":\\\"$3\\\"}}\" {peers.Dns.ManagementUrl}$path\n{logLine}");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return hook;
    }
}
