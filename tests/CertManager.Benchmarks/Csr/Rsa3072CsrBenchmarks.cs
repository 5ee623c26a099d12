using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace CertManager.Benchmarks.Csr;

/// <summary>
/// RSA-3072. Monitoring: every iteration is one CSR, timed alone, with no pilot stage; 60 iterations because key
/// generation time varies widely (random prime search).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 60, invocationCount: 1)]
public class Rsa3072CsrBenchmarks() : CsrBenchmarks(3072);
