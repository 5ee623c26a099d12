using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CertManager.Benchmarks.Csr;
using CertManager.Core.Import;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Benchmarks.Import;

/// <summary>
/// PKCS#12 import of a server certificate, its key and its intermediate (openssl 3 defaults: AES-256-CBC, PBKDF2,
/// 2048 iterations, SHA-256 MAC), next to <c>openssl pkcs12 -in f.p12 -passin pass:... -nodes -out /dev/null</c> as a
/// process (<c>PKCS12_parse</c>: MAC check, decryption of the key and certificates) and <c>openssl version</c>.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 20)]
public class Pkcs12ImportBenchmarks : IDisposable
{
    private readonly BenchmarkPki _pki = new();
    private readonly string[] _version = ["version"];
    private ServiceProvider _services = default!;
    private CertificateImporter _importer = default!;
    private ImportInput[] _pfx = [];

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchmarkServices.Create(_pki.Directory);
        _importer = _services.GetRequiredService<CertificateImporter>();
        _pfx = [new ImportInput("server.p12", File.ReadAllBytes(_pki.Pkcs12Path), ImportSlot.Certificate)];
    }

    [Benchmark(Baseline = true, Description = "openssl pkcs12 (process)")]
    public void OpenSslReference() =>
        OpenSslProcess.Run("pkcs12", "-in", _pki.Pkcs12Path, "-passin", $"pass:{BenchmarkPki.Pkcs12Password}", "-nodes", "-out", "/dev/null");

    [Benchmark(Description = "CertManager PKCS#12 import")]
    public int CertManagerPkcs12()
    {
        using var material = _importer.Import(_pfx, BenchmarkPki.Pkcs12Password);
        return material.Keys.Count == 1 && material.Certificates.Count == 2
            ? material.Certificates.Count
            : throw new InvalidOperationException(string.Join("; ", material.Problems.Select(p => p.Message)));
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
