using System.Diagnostics;
using CertManager.Core.Fleet;
using CertManager.Core.Hosting;
using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.LoadTest.Fleet;

/// <summary>
/// What an administrator does on the edge, against its data directory while the console runs: pairing codes from the
/// edge's own <see cref="PairingService"/> (what <c>certman fleet pair-code</c> runs; in this process, because hundreds
/// of certman start-ups would take longer than the codes live), installs with the real <c>certman install</c>, and
/// the servers page's list (<see cref="FollowerRegistry"/>).
/// </summary>
internal sealed class EdgeSide(string dataDirectory) : IAsyncDisposable
{
    private const string Actor = "cli:fleet-load";

    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{CertManagerOptions.SectionName}:{nameof(CertManagerOptions.DataDirectory)}"] = dataDirectory,
            [$"{CertManagerOptions.SectionName}:HostName"] = HostName,
        }).Build())
        .AddLogging()
        .AddCertManagerCore()
        .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    public const string HostName = "console.example.test";

    public async Task<IReadOnlyList<string>> PairingCodesAsync(Uri edgeUrl, int count, CancellationToken cancellationToken)
    {
        var pairing = _services.GetRequiredService<PairingService>();
        var codes = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            codes.Add((await pairing.IssueAsync(edgeUrl, Actor, cancellationToken)).Code);
        }

        return codes;
    }

    public Task<IReadOnlyList<FollowerSummary>> FollowersAsync(CancellationToken cancellationToken) =>
        _services.GetRequiredService<FollowerRegistry>().ListAsync(cancellationToken);

    /// <summary>When the active version was installed, as its installer recorded it.</summary>
    public DateTimeOffset InstalledAt()
    {
        var store = _services.GetRequiredService<CertificateStore>();
        return store.ReadProvenance(store.ReadActiveVersion())?.InstalledAt ?? throw new LoadTestException("The installed version has no provenance.");
    }

    /// <summary>Runs <c>certman install</c> on the edge's data directory; returns how long certman took.</summary>
    public async Task<TimeSpan> InstallAsync(TestPki pki, string certificate, string key, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { RepositoryPaths.CliAssemblyPath, "install", "--data-dir", dataDirectory, "--cert", certificate, "--chain", pki.IntermediatePath, "--key", key, "--accept-warnings" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CertManager__HostName"] = HostName;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new LoadTestException("certman did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new LoadTestException($"certman install exited with {process.ExitCode}:\n{await output}\n{await error}");
        }

        return clock.Elapsed;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
