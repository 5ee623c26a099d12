using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace CertManager.Benchmarks.Csr;

/// <summary>
/// RSA-4096. Monitoring: every iteration is one CSR, timed alone, with no pilot stage; 40 iterations because key
/// generation time varies widely (random prime search).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 40, invocationCount: 1)]
public class Rsa4096CsrBenchmarks() : CsrBenchmarks(4096);
