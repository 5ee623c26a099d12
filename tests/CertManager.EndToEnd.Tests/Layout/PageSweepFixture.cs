using CertManager.Core.Alerts;
using CertManager.Core.Csr;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Events;
using CertManager.Core.Trust;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.EndToEnd.Tests.Layout;

/// <summary>
/// One console for the whole page sweep, with something on every page: a user of each role, a third-party
/// certificate with its intermediate installed over an earlier version, a pending CSR, events and a trusted root.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PageSweepCollection : ICollectionFixture<PageSweepFixture>
{
    public const string Name = "One console for the page sweep";
}

public sealed class PageSweepFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("certmanager-sweep");
    private readonly TestPki _pki = new("Sweep");

    public ConsoleProcess Console { get; private set; } = default!;

    public BrowserFixture Browser { get; } = new();

    public async Task InitializeAsync()
    {
        await ConsoleSeed.AddUsersAsync(_data.Path, ConsoleSeed.OneOfEachRole);
        var earlier = _pki.IssueServer("old.example.test");
        ConsoleSeed.InstallCertificate(_data.Path, earlier.CertificatePath, earlier.KeyPath, _pki.IntermediatePath);
        var current = _pki.IssueServer("console.example.test", ["console.example.test", "www.console.example.test"]);
        ConsoleSeed.InstallCertificate(_data.Path, current.CertificatePath, current.KeyPath, _pki.IntermediatePath);
        await ConsoleSeed.AddPendingRequestAsync(_data.Path, new CsrForm
        {
            CommonName = "next.example.test",
            AlternateNames = ["next.example.test", "api.next.example.test"],
            Organization = "Example Org",
            Country = "CA",
        });
        await SeedEventsAsync(_data.Path);
        await TrustRootAsync(_data.Path, _pki.RootPem);
        await Task.WhenAll(Browser.InitializeAsync(), StartConsoleAsync());
    }

    private async Task StartConsoleAsync() => Console = await ConsoleProcess.StartAsync(_data.Path);

    private static async Task SeedEventsAsync(string dataDirectory)
    {
        await using var services = ConsoleSeed.CreateServices(dataDirectory);
        // Alerts go to an SMTP port nobody listens on, so the outbox has alerts waiting, with their last error.
        var saved = await services.GetRequiredService<AlertSettingsStore>().SaveAsync(
            new AlertSettingsInput("127.0.0.1", FreePort.Next(), SmtpSecurity.None, null, "certmanager@example.test", "pki@example.test", EventSeverity.Major),
            "test-seed");
        Assert.True(saved.Succeeded);
        var events = services.GetRequiredService<EventRecorder>();
        await events.RecordAsync(EventSeverity.Info, "install", "Certificate 'CN=console.example.test' installed.", ConsoleSeed.Administrator.UserName);
        await events.RecordAsync(EventSeverity.Minor, EventSources.Expiry, "The intermediate 'CN=Sweep Issuing CA, O=Sweep PKI, C=CA' expires in 5 day(s), on a date far in the future of a very long line.", EventRecorder.SystemActor);
        await events.RecordAsync(EventSeverity.Major, EventSources.Expiry, "The presented certificate 'CN=old.example.test' expired.", EventRecorder.SystemActor);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static async Task TrustRootAsync(string dataDirectory, string rootPem)
    {
        await using var services = ConsoleSeed.CreateServices(dataDirectory);
        using var root = X509Certificate2.CreateFromPem(rootPem);
        Assert.True((await services.GetRequiredService<TrustStore>().AddRootAsync(root, "test-seed")).Succeeded);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        if (Console is not null)
        {
            await Console.DisposeAsync();
        }

        _pki.Dispose();
        _data.Dispose();
    }
}
