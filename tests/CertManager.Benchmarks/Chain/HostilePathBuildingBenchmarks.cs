using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CertManager.Core.Chain;

namespace CertManager.Benchmarks.Chain;

/// <summary>
/// Path building over a hostile bundle (target: within 100 ms): the server certificate's issuer plus 100 certificates
/// with the same subject and the same subjectKeyIdentifier, signed by the root but holding other keys, so that neither
/// the name nor the key identifier tells them apart and every one costs a signature check. Ours is
/// <see cref="ChainValidator"/> (candidate paths, signature pruning, the platform validator on the surviving paths);
/// the row beside it is the same validator over the honest 2-certificate bundle, for scale.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 20)]
public class HostilePathBuildingBenchmarks : IDisposable
{
    private const int Decoys = 100;
    private readonly List<IDisposable> _owned = [];
    private ChainValidator _validator = default!;
    private X509Certificate2 _leaf = default!;
    private X509Certificate2[] _hostile = [];
    private X509Certificate2[] _honest = [];
    private ChainValidationOptions _options = default!;
    private Microsoft.Extensions.DependencyInjection.ServiceProvider _services = default!;
    private string _directory = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow;
        var rootKey = Own(RSA.Create(2048));
        var issuingKey = Own(RSA.Create(2048));
        var decoyKey = Own(RSA.Create(2048));
        var root = Ca("CN=Hostile Bench Root", rootKey, null, null, now);
        var issuing = Ca("CN=Hostile Bench Issuing CA", issuingKey, (root, rootKey), null, now);
        var subjectKeyId = issuing.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        var decoys = Enumerable.Range(0, Decoys).Select(_ => Ca("CN=Hostile Bench Issuing CA", decoyKey, (root, rootKey), subjectKeyId, now)).ToArray();
        _leaf = Leaf(issuing, issuingKey, now);
        _hostile = [.. decoys, issuing];
        _honest = [issuing];
        _options = new ChainValidationOptions { TrustedRoots = [root] };
        _directory = Directory.CreateTempSubdirectory("certmanager-bench-").FullName;
        _services = Import.BenchmarkServices.Create(_directory);
        _validator = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ChainValidator>(_services);
    }

    [Benchmark(Baseline = true, Description = "ChainValidator, honest bundle (1 intermediate)")]
    public bool Honest() => Validate(_honest);

    [Benchmark(Description = "ChainValidator, hostile bundle (100 same-name decoys + the issuer)")]
    public bool Hostile() => Validate(_hostile);

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _services?.Dispose();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        if (_directory.Length > 0 && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private bool Validate(X509Certificate2[] bundle)
    {
        var path = _validator.Validate(_leaf, bundle, _options);
        return path.IsValid ? true : throw new InvalidOperationException(string.Join("; ", path.Problems.Select(p => p.Message)));
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private X509Certificate2 Ca(string subject, RSA key, (X509Certificate2 Certificate, RSA Key)? issuer, X509SubjectKeyIdentifierExtension? subjectKeyId, DateTimeOffset now)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(subjectKeyId ?? new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        if (issuer is not { } signer)
        {
            return Own(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5)));
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(signer.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        return Own(request.Create(signer.Certificate.SubjectName, X509SignatureGenerator.CreateForRSA(signer.Key, RSASignaturePadding.Pkcs1), now.AddDays(-1), now.AddYears(3), RandomNumberGenerator.GetBytes(8)));
    }

    private X509Certificate2 Leaf(X509Certificate2 issuer, RSA issuerKey, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=bench.example.com", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        return Own(request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pkcs1), now.AddDays(-1), now.AddDays(90), [0x01, 0x02]));
    }
}
