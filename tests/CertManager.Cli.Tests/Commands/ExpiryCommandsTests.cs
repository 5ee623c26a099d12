using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertManager.Cli.Tests.Support;
using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Tests.Commands;

/// <summary><c>certman check-expiry</c> and <c>certman events</c> run as real processes over a console's data directory.</summary>
public sealed class ExpiryCommandsTests : IDisposable
{
    private readonly TempDirectory _data = new("certman-expiry");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task CheckExpiry_FreshDefault_ExitsZeroAndRaisesNothing()
    {
        var checkedOnce = await Certman.RunAsync(_data.Path, "check-expiry", "--data-dir", _data.Path);

        Assert.True(checkedOnce.ExitCode == 0, checkedOnce.ToString());
        Assert.Contains("OK", checkedOnce.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("0 event(s) raised", checkedOnce.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckExpiry_ExpiredCertificate_ExitsThreeOnceAndEventsListsTheMajorEvent()
    {
        await InstallExpiredAsync("expired.example.test");

        var first = await Certman.RunAsync(_data.Path, "check-expiry", "--data-dir", _data.Path, "--json");
        var second = await Certman.RunAsync(_data.Path, "check-expiry", "--data-dir", _data.Path);

        Assert.True(first.ExitCode == 3, first.ToString());
        using (var json = JsonDocument.Parse(first.StandardOutput))
        {
            Assert.True(json.RootElement.GetProperty("majorActive").GetBoolean());
            Assert.Equal(1, json.RootElement.GetProperty("raised").GetInt32());
        }

        Assert.Equal(3, second.ExitCode);
        Assert.Contains("0 event(s) raised", second.StandardError, StringComparison.Ordinal);

        var listed = await Certman.RunAsync(_data.Path, "events", "--data-dir", _data.Path, "--severity", "major", "--json");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        using var events = JsonDocument.Parse(listed.StandardOutput);
        var only = Assert.Single(events.RootElement.EnumerateArray());
        Assert.Equal("MAJOR", only.GetProperty("severity").GetString());
        Assert.Equal("expiry", only.GetProperty("source").GetString());
        Assert.True(only.GetProperty("active").GetBoolean());
        Assert.Contains("CN=expired.example.test", only.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task InstallExpiredAsync(string commonName)
    {
        await using var services = ConsoleSeed.CreateServices(_data.Path);
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var expired = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        var store = services.GetRequiredService<CertificateStore>();
        store.Activate(store.WriteInstalledVersion(expired, [], DateTimeOffset.UtcNow));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
