using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace CertManager.Benchmarks.Csr;

/// <summary>
/// RSA-2048. Monitoring: every iteration is one CSR, timed alone, with no pilot stage; 200 iterations because key
/// generation time varies widely (random prime search).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 200, invocationCount: 1)]
public class Rsa2048CsrBenchmarks() : CsrBenchmarks(2048);
