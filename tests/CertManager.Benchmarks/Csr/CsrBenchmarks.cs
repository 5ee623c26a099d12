using BenchmarkDotNet.Attributes;
using CertManager.Core.Csr;

namespace CertManager.Benchmarks.Csr;

/// <summary>
/// One CSR with a fresh RSA key, three ways, in the same run:
/// <list type="bullet">
/// <item><see cref="OpenSslReference"/>: the reference, <c>openssl req -new -newkey rsa:N -nodes</c> as a process (key
/// generation + PKCS#10 signing + process start-up and exit).</item>
/// <item><see cref="CertManagerCsr"/>: Core's own code path (<see cref="CsrFactory"/>, the one <see cref="CsrGenerator"/>
/// uses): key generation, PKCS#10 signing, and reading the CSR back with its signature verified. No database, no key
/// encryption.</item>
/// <item><see cref="OpenSslVersion"/>: <c>openssl version</c> as a process, the start-up cost to subtract from the
/// reference to get openssl's net time.</item>
/// </list>
/// </summary>
public abstract class CsrBenchmarks
{
    public const string CommonName = "bench.example.com";

    private readonly ValidatedCsrRequest _request;
    private readonly string[] _openSslRequest;
    private readonly string[] _openSslVersion = ["version"];

    protected CsrBenchmarks(int keySize)
    {
        KeySize = keySize;
        _request = CsrRequestValidator.Validate(new CsrForm { CommonName = CommonName, KeySize = keySize }).Value;
        _openSslRequest = ["req", "-new", "-newkey", $"rsa:{keySize}", "-nodes", "-keyout", "/dev/null", "-out", "/dev/null", "-subj", $"/CN={CommonName}"];
    }

    public int KeySize { get; }

    [Benchmark(Baseline = true, Description = "openssl req (process)")]
    public void OpenSslReference() => OpenSslProcess.Run(_openSslRequest);

    [Benchmark(Description = "CertManager CsrFactory")]
    public string CertManagerCsr()
    {
        using var csr = CsrFactory.Create(_request);
        return csr.PublicKeySha256;
    }

    [Benchmark(Description = "openssl version (process overhead)")]
    public void OpenSslVersion() => OpenSslProcess.Run(_openSslVersion);
}
