using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CertManager.Benchmarks.Csr;
using CertManager.Core.Chain;
using CertManager.Core.Import;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Benchmarks.Import;

/// <summary>
/// Inspect + verify of a 3-certificate PEM bundle (server, intermediate, root), next to the reference in the same run:
/// <c>openssl verify -CAfile root.pem -untrusted intermediate.pem server.pem</c> as a process (PEM parsing +
/// <c>X509_verify_cert</c>), and <c>openssl version</c> for the process start-up to subtract.
/// Ours: <see cref="CertificateImporter"/> reads the bundle and <see cref="ChainDoctor"/> examines it with only that root
/// trusted: path building with the platform validator plus the doctor's own checks.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 20)]
public class ImportVerifyBenchmarks : IDisposable
{
    private readonly BenchmarkPki _pki = new();
    private readonly string[] _version = ["version"];
    private ServiceProvider _services = default!;
    private CertificateImporter _importer = default!;
    private ChainDoctor _doctor = default!;
    private ImportInput[] _bundle = [];
    private ChainValidationOptions _options = default!;

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchmarkServices.Create(_pki.Directory);
        _importer = _services.GetRequiredService<CertificateImporter>();
        _doctor = _services.GetRequiredService<ChainDoctor>();
        _bundle = [new ImportInput("bundle.pem", File.ReadAllBytes(_pki.BundlePath), ImportSlot.Certificate)];
        _options = new ChainValidationOptions { TrustedRoots = [X509CertificateLoader.LoadCertificateFromFile(_pki.RootPath)], HostNames = ["bench.example.com"] };
    }

    [Benchmark(Baseline = true, Description = "openssl verify (process)")]
    public void OpenSslReference() =>
        OpenSslProcess.Run("verify", "-CAfile", _pki.RootPath, "-untrusted", _pki.IntermediatePath, _pki.ServerPath);

    [Benchmark(Description = "CertManager import + chain doctor")]
    public bool CertManagerInspectVerify()
    {
        using var material = _importer.Import(_bundle, password: null);
        using var examination = _doctor.ExamineChainAsync(material, _options).GetAwaiter().GetResult();
        return examination.Report.PathValid
            ? true
            : throw new InvalidOperationException(string.Join("; ", examination.Report.Problems.Select(p => p.Message)));
    }

    [Benchmark(Description = "openssl version (process overhead)")]
    public void OpenSslVersion() => OpenSslProcess.Run(_version);

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _services?.Dispose();
        _pki.Dispose();
        GC.SuppressFinalize(this);
    }
}
