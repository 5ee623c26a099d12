using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CertManager.Benchmarks.Storage;

/// <summary>
/// A job run in the benchmark's own process: the storage benchmarks start a PostgreSQL server and console processes
/// of their own, so a separate process per benchmark adds nothing, and generating and building one per benchmark took
/// longer than BenchmarkDotNet's two-minute build limit on a busy machine.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class InProcessJobAttribute(RunStrategy strategy, int warmupCount, int iterationCount, int invocationCount = 0)
    : JobConfigBaseAttribute(Create(strategy, warmupCount, iterationCount, invocationCount))
{
    public RunStrategy Strategy { get; } = strategy;

    public int WarmupCount { get; } = warmupCount;

    public int IterationCount { get; } = iterationCount;

    /// <summary>Operations per iteration; 0 lets BenchmarkDotNet choose (1 is needed with an iteration set-up).</summary>
    public int InvocationCount { get; } = invocationCount;

    private static Job Create(RunStrategy strategy, int warmupCount, int iterationCount, int invocationCount)
    {
        var job = Job.Default.WithStrategy(strategy).WithLaunchCount(1).WithWarmupCount(warmupCount).WithIterationCount(iterationCount)
            .WithToolchain(InProcessEmitToolchain.Instance);
        return invocationCount > 0 ? job.WithInvocationCount(invocationCount).WithUnrollFactor(1) : job;
    }
}
