using System.Runtime.Versioning;
using CertManager.Core.Chain;
using CertManager.Core.Fleet;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Testing;

namespace CertManager.Core.Tests.Support;

/// <summary>
/// An edge and a follower as two Core service sets over their own data directories (the real services; the HTTP
/// between them is left out here and tested with real console processes elsewhere), and a PKI for the edge's certificate.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class FleetRig : IDisposable
{
    public static readonly Uri EdgeUrl = new("https://edge.example.test:8443/");

    private readonly Lazy<TestPki> _pki = new(() => new TestPki("Fleet"));

    public FleetRig()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(5);
        Edge = CoreTestHost.Create(now: now);
        Follower = CoreTestHost.Create(now: now);
    }

    public CoreTestHost Edge { get; }

    public CoreTestHost Follower { get; }

    /// <summary>Made with openssl on first use only: most fleet tests need no certificate on the edge.</summary>
    public TestPki Pki => _pki.Value;

    /// <summary>Issues a code on the edge, prepares the registration on the follower and registers it on the edge.</summary>
    public async Task<(PreparedPairing Pairing, Results.Result<RegistrationResponse> Response)> RegisterAsync(string name = "app-1")
    {
        var code = await Edge.Get<PairingService>().IssueAsync(EdgeUrl, "alice");
        var pairing = FollowerPairing.Prepare(code.Code, name).Value;
        return (pairing, await Edge.Get<PairingService>().RegisterAsync(pairing.Request, "127.0.0.1"));
    }

    /// <summary>A complete pairing: the follower keeps the edge; returns the follower's id.</summary>
    public async Task<long> PairAsync(string name = "app-1")
    {
        var (pairing, response) = await RegisterAsync(name);
        using (pairing)
        {
            var completed = await Follower.Get<FollowerPairing>().CompleteAsync(pairing, response.Value, "bob");
            Assert.True(completed.Succeeded, string.Join("; ", completed.Problems.Select(p => p.Message)));
            return completed.Value.FollowerId;
        }
    }

    /// <summary>Installs a fresh server certificate on the edge as an upload would; returns its SHA-256 fingerprint.</summary>
    public async Task<string> InstallOnEdgeAsync(string host = "console.example.test")
    {
        var (leaf, key) = Pki.IssueServer(host);
        using var material = Edge.Get<CertificateImporter>().Import(
            [ImportInput.FromText("server.crt", File.ReadAllText(leaf), ImportSlot.Certificate),
             ImportInput.FromText("chain.pem", Pki.IntermediatePem, ImportSlot.Intermediates),
             ImportInput.FromText("server.key", File.ReadAllText(key), ImportSlot.PrivateKey)],
            password: null);
        using var examination = await Edge.Get<ChainDoctor>().ExamineForInstallAsync(material);
        var installed = await Edge.Get<CertificateInstaller>().InstallAsync(examination, warningsConfirmed: true, "alice");
        Assert.True(installed.Succeeded, string.Join("; ", installed.Problems.Select(p => p.Message)));
        return installed.Value.Sha256Fingerprint;
    }

    public void Dispose()
    {
        Edge.Dispose();
        Follower.Dispose();
        if (_pki.IsValueCreated)
        {
            _pki.Value.Dispose();
        }
    }
}
