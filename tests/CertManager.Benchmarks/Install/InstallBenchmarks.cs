using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CertManager.Benchmarks.Storage;
using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Core.Trust;

namespace CertManager.Benchmarks.Install;

/// <summary>
/// Install latency: the atomic installer (<see cref="CertificateInstaller"/>) putting a new, examined certificate in
/// place, on SQLite (version folder on disk, pointer renamed) and on PostgreSQL (version row and pointer row), in the same
/// run. Each iteration installs a new certificate with a new key, imported and examined by the chain doctor beforehand
/// (not measured); what is measured is what the upload's "Install" button waits for after the doctor.
/// </summary>
[InProcessJob(RunStrategy.Monitoring, warmupCount: 2, iterationCount: 15, invocationCount: 1)]
public class InstallBenchmarks : IDisposable
{
    private BenchmarkStore _store = default!;
    private BenchmarkChain _chain = default!;
    private Examination? _examination;

    [Params(BenchmarkEngine.Sqlite, BenchmarkEngine.PostgreSql)]
    public string Engine { get; set; } = BenchmarkEngine.Sqlite;

    [GlobalSetup]
    public void Setup()
    {
        _store = new BenchmarkStore(Engine);
        _chain = new BenchmarkChain();
        using var root = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(_chain.RootPem);
        var added = _store.Get<TrustStore>().AddRootAsync(root, "bench").GetAwaiter().GetResult();
        if (!added.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", added.Problems.Select(p => p.Message)));
        }
    }

    [IterationSetup]
    public void Examine()
    {
        var (certificate, key) = _chain.IssueServerPem();
        using var material = _store.Get<CertificateImporter>().Import(
            [ImportInput.FromText("server.crt", certificate, ImportSlot.Certificate),
             ImportInput.FromText("chain.pem", _chain.IssuerPem, ImportSlot.Intermediates),
             ImportInput.FromText("server.key", key, ImportSlot.PrivateKey)],
            password: null);
        _examination = _store.Get<ChainDoctor>().ExamineForInstallAsync(material).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "Install an examined certificate")]
    public string Install()
    {
        var installed = _store.Get<CertificateInstaller>().InstallAsync(_examination!, warningsConfirmed: true, "bench").GetAwaiter().GetResult();
        return installed.Succeeded ? installed.Value.Sha256Fingerprint : throw new InvalidOperationException(string.Join("; ", installed.Problems.Select(p => $"{p.Code}: {p.Message}")));
    }

    [IterationCleanup]
    public void DisposeExamination()
    {
        _examination?.Dispose();
        _examination = null;
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _examination?.Dispose();
        _store?.Dispose();
        _chain?.Dispose();
        GC.SuppressFinalize(this);
    }
}
