using System.Diagnostics;
using System.Security.Cryptography;
using CertManager.Acme;
using CertManager.Acme.Challenges;
using CertManager.Acme.Enrollment;
using CertManager.Core.Enrollment;
using CertManager.Core.Hosting;
using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Web.Tests.Jobs;

/// <summary>
/// The renewal job in a real console process against pebble: a renewal order interrupted by a killed console is
/// carried on at its order URL by the next console, not started over and not lost. dns-01 goes through a hook that
/// calls pebble-challtestsrv's API; the hook waits while a file exists, which holds the order mid-way for the kill.
/// </summary>
public sealed class RenewalJobTests
{
    private const string Name = "console.example.test";

    [Fact]
    public async Task Execute_ConsoleKilledMidOrder_NextConsoleResumesTheSameOrderAndInstallsIt()
    {
        using var dns = ChallengeTestServer.Start();
        using var pebble = PebbleServer.Start(new PebbleSettings { DnsServer = dns.DnsAddress });
        using var work = new TempDirectory();
        using var data = new TempDirectory("certmanager-console");
        var hook = WriteHook(work, dns);
        var block = work.File("block");
        var reached = work.File("reached");
        File.WriteAllText(work.File("pebble-tls.pem"), pebble.TlsCertificate.ExportCertificatePem());
        var environment = new Dictionary<string, string>
        {
            ["CertManager__Acme__TrustedCertificatesFile"] = work.File("pebble-tls.pem"),
            ["CertManager__Acme__Challenges__DnsHook__FileName"] = hook,
            ["CertManager__Acme__Challenges__DnsHookTimeout"] = "00:02:00",
        };
        await ConsoleSeed.TrustRootAsync(data.Path, await pebble.GetRootPemAsync());
        var first = await InstallDueAcmeCertificateAsync(data.Path, pebble, hook);
        File.WriteAllText(block, string.Empty);

        AcmeOrderSummary interrupted;
        await using (var console = await ConsoleProcess.StartAsync(data.Path, environment: environment))
        {
            await WaitUntilAsync(() => Task.FromResult(File.Exists(reached)), "the renewal order to reach its dns-01 hook", () => console.Output);
            interrupted = (await ListOrdersAsync(data.Path))[0];
            Assert.Equal(AcmeOrderStatus.InProgress, interrupted.Status);
            Assert.NotNull(interrupted.OrderUrl);
        }

        File.Delete(block);
        await using var restarted = await ConsoleProcess.StartAsync(data.Path, environment: environment);
        await WaitUntilAsync(
            async () =>
            {
                using var presented = await TlsProbe.GetPresentedCertificateAsync(restarted.Port, Name);
                // The order is marked installed just after the switch-over, so both are waited for.
                return presented.GetCertHashString(HashAlgorithmName.SHA256) != first && presented.Issuer.Contains("Pebble Intermediate", StringComparison.Ordinal)
                    && (await ListOrdersAsync(data.Path))[0].Status == AcmeOrderStatus.Installed;
            },
            "the resumed renewal to be presented and marked installed",
            () => restarted.Output);

        var orders = await ListOrdersAsync(data.Path);
        Assert.Equal(2, orders.Count);
        Assert.Equal(interrupted.Id, orders[0].Id);
        Assert.Equal(interrupted.OrderUrl, orders[0].OrderUrl);
        Assert.Equal(AcmeOrderStatus.Installed, orders[0].Status);
        Assert.Contains($"resuming order #{interrupted.Id}", restarted.Output, StringComparison.Ordinal);
    }

    /// <summary>Obtains and installs an ACME certificate over the data directory as certman would, then marks its renewal due now.</summary>
    private static async Task<string> InstallDueAcmeCertificateAsync(string dataDirectory, PebbleServer pebble, string hook)
    {
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CertManager:DataDirectory"] = dataDirectory,
                ["CertManager:HostName"] = Name,
                ["CertManager:Acme:Challenges:DnsHook:FileName"] = hook,
            }).AddInMemoryCollection(TestDatabase.SettingsFor(dataDirectory)).Build())
            .AddLogging()
            .AddCertManagerCore()
            .AddCertManagerAcme(pebble.CreateHandler)
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        var enrollment = services.GetRequiredService<AcmeEnrollmentService>();
        var request = AcmeEnrollmentService.Validate(new AcmeEnrollmentForm
        {
            DirectoryUrl = pebble.DirectoryUrl.AbsoluteUri,
            TermsOfServiceAgreed = true,
            CommonName = Name,
            ChallengeWay = AcmeChallengeWays.DnsHook,
        });
        var obtained = await enrollment.ObtainAsync(request.Value, "test");
        Assert.True(obtained.Succeeded, string.Join("\n", obtained.Problems.Select(p => p.Message)) + "\n" + pebble.Output);
        using var issued = obtained.Value;
        var installed = await enrollment.InstallAsync(issued, warningsConfirmed: true, "test");
        Assert.True(installed.Succeeded, string.Join("\n", installed.Problems.Select(p => p.Message)));
        // The CA may hand a valid authorization of the same account to the renewal's order (pebble does so at random
        // even when told not to), which would leave no challenge for the hook to block on: deactivate it (RFC 8555 §7.5.2).
        var client = services.GetRequiredService<AcmeClient>();
        var session = await services.GetRequiredService<AcmeAccountService>().OpenAsync(pebble.DirectoryUrl);
        Assert.True(session.Succeeded, string.Join("\n", session.Problems.Select(p => p.Message)));
        foreach (var authorizationUrl in (await client.GetOrderAsync(session.Value, issued.OrderUrl)).Value.Authorizations)
        {
            Assert.Equal("deactivated", (await client.DeactivateAuthorizationAsync(session.Value, authorizationUrl)).Value.Status);
        }

        var store = services.GetRequiredService<AcmeStore>();
        // As after a failed attempt: the stored time is the next try, and it has come.
        await store.RecordRenewalAsync(issued.OrderId, DateTimeOffset.UtcNow.AddMinutes(-1), "due for the test", null, null, 1);
        SqliteConnection.ClearAllPools();
        return installed.Value.Sha256Fingerprint.Replace(":", string.Empty, StringComparison.Ordinal);
    }

    private static string WriteHook(TempDirectory work, ChallengeTestServer dns)
    {
        var hook = work.File("dns-hook.sh");
        // A DNS provider's API called by a hook, as an administrator would write one (here challtestsrv's). While the
        // file "block" exists the hook stops before publishing, so the order waits there for the console to be killed.
        File.WriteAllText(hook, $$"""
            #!/bin/sh
            set -e
            if [ "$1" = add ]; then
              if [ -e {{work.File("block")}} ]; then
                touch {{work.File("reached")}}
                i=0; while [ -e {{work.File("block")}} ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done
              fi
              path=set-txt
            else
              path=clear-txt
            fi
            curl -sf -X POST -d "{\"host\":\"$2.\",\"value\":\"$3\"}" {{dns.ManagementUrl}}$path
            """ + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return hook;
    }

    private static async Task<IReadOnlyList<AcmeOrderSummary>> ListOrdersAsync(string dataDirectory)
    {
        await using var services = ConsoleSeed.CreateServices(dataDirectory);
        try
        {
            return await services.GetRequiredService<AcmeStore>().ListOrdersAsync(10);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, Func<string> output)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), $"Timed out waiting for {what}:\n{output()}");
            await Task.Delay(100);
        }
    }
}
