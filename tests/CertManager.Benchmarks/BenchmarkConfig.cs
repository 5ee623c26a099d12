using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using CertManager.Benchmarks.Reporting;

namespace CertManager.Benchmarks;

/// <summary>
/// Medians, not means: RSA key generation searches for random primes, so its times have a long right tail and
/// one slow key moves the mean more than the median. Ratios are of medians, against openssl in the same run, and for the
/// storage benchmarks PostgreSQL against SQLite in the same run.
/// </summary>
internal static class BenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max)
        .AddColumn(OpenSslReferenceColumn.NetTime, OpenSslReferenceColumn.RatioToRequest, OpenSslReferenceColumn.RatioToNet, EngineRatioColumn.Instance)
        // BenchmarkDotNet's own Ratio is a ratio of means; the median ratios above replace it.
        .HideColumns(Column.Ratio, Column.RatioSD, Column.Error)
        .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(Perfolizer.Horology.TimeUnit.Millisecond));
}
