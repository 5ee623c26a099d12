using BenchmarkDotNet.Running;

namespace CertManager.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/CertManager.Benchmarks -- --filter '*'</c>; see docs/performance.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
}
